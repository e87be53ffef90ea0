/**
 * Benchmark runner: `npm run bench -- <name> [--dialect sqlite|postgres] [more options]`.
 * Each benchmark is `bench/<name>.ts` exporting `run(options)`; it prints its own figures and ends
 * with one JSON line of them.
 */
export interface BenchOptions {
  dialect: 'sqlite' | 'postgres';
  /** Everything after the benchmark name, for options of its own. */
  args: string[];
}

type Bench = (options: BenchOptions) => Promise<void>;

const benches: Record<string, () => Promise<{ run: Bench }>> = {
  agent: () => import('./agent.js'),
  audit: () => import('./audit.js'),
  download: () => import('./download.js'),
  gateway: () => import('./gateway.js'),
  indicators: () => import('./indicators.js'),
  load: () => import('./load.js'),
  quality: () => import('./quality.js'),
  search: () => import('./search.js'),
  'seal-load': () => import('./seal-load.js'),
};

function parse(argv: string[]): { name: string | undefined; options: BenchOptions } {
  const [name, ...args] = argv;
  const at = args.indexOf('--dialect');
  const value = at >= 0 ? args[at + 1] : undefined;
  if (value !== undefined && value !== 'sqlite' && value !== 'postgres') {
    throw new Error(`--dialect must be sqlite or postgres, not ${value}`);
  }
  return { name, options: { dialect: value ?? 'sqlite', args } };
}

const { name, options } = parse(process.argv.slice(2));
const load = name === undefined ? undefined : benches[name];
if (load === undefined) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--dialect sqlite|postgres]`);
  process.exit(2);
}
await (await load()).run(options);
