/**
 * Module boundaries of the architecture ("Modules", "Dependency direction"), checked by
 * `npm run deps` inside `npm test`. Each module is a folder under src/; its index.ts is its
 * public surface. platform is a kernel of sub-folders: each sub-folder's index.ts is a surface.
 */

/** Lower rank never imports higher rank; modules of equal rank do not import each other. */
const RANK = {
  platform: 0,
  org: 1,
  audit: 2,
  catalog: 3,
  sharing: 4,
  // federation, opendata and seal sit beside exchange: nothing imports exchange back.
  exchange: 5,
  federation: 5,
  opendata: 5,
  seal: 5,
  quality: 6,
  supervision: 7,
  // agent, app (the composition root) and cli sit on top.
  agent: 8,
  app: 9,
  cli: 10,
};
const MODULES = Object.keys(RANK);

/** Tests, their fixtures and helpers. */
const TEST = ['\\.test\\.tsx?$', '/test-support/', '^src/[^/]+/test/'];
/** The same, after `^src/<module>/`. */
const TEST_IN_MODULE = '(?:test/|.*test-support/|.*\\.test\\.tsx?$)';

/**
 * The public surfaces: src/<module>/index.ts, and src/platform/<sub>/…/index.ts (test-support
 * ones are kept out of production code by no-test-code-in-production).
 */
const SURFACE = ['^src/[^/]+/index\\.ts$', '^src/platform/.+/index\\.ts$'];

const layerRules = MODULES.map((module) => {
  const above = MODULES.filter((other) => other !== module && RANK[other] >= RANK[module]);
  return {
    name: `layer-${module}`,
    comment: `${module} imports none of: ${above.join(', ')} (ARCHITECTURE.md, dependency direction)`,
    severity: 'error',
    from: { path: `^src/${module}/` },
    to: { path: `^src/(?:${above.join('|')})/` },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // Production code: the direction holds without exception.
    ...layerRules.map((rule) => ({ ...rule, from: { ...rule.from, pathNot: TEST } })),
    // Tests may also use the composition root (app), the command line (cli) and any module's
    // test-support, to build a running platform; they are held to the direction otherwise.
    ...layerRules.map((rule) => ({
      ...rule,
      name: `${rule.name}-tests`,
      from: { path: `${rule.from.path}${TEST_IN_MODULE}` },
      to: { ...rule.to, pathNot: ['^src/(?:app|cli)/', '/test-support/'] },
    })),
    {
      name: 'no-deep-import',
      comment: 'another module is imported only through its index.ts (ARCHITECTURE.md, Modules)',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: TEST },
      to: { path: '^src/', pathNot: ['^src/$1/', ...SURFACE] },
    },
    {
      name: 'no-cross-module-cycle',
      comment: 'no cycle runs through two modules',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, viaSomeNot: '^src/$1/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'production code does not import tests or test-support',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
