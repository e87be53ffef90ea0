import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, where `govshare` child processes run. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const BUILT = join(ROOT, 'dist', 'cli', 'index.js');

/** The newest modification time of the production sources under src/ (tests and fixtures aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

let chosen: string[] | undefined;

/**
 * How a test starts `govshare <command>` as a real process: the built CLI (`bin/govshare.js`, as
 * shipped; `npm install` builds it) when dist/ is newer than every source file, which is the case
 * on a clean checkout; otherwise the sources through tsx, so that a test never runs stale code
 * after an edit. The built CLI starts in about half the time (2.6 s against 4.6 s measured on a
 * 2-core machine), and the suite starts a few hundred of them.
 */
export function cliCommand(): string[] {
  if (!chosen) {
    const fresh = existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource(join(ROOT, 'src'));
    chosen = fresh
      ? [join(ROOT, 'bin', 'govshare.js')]
      : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts')];
  }
  return chosen;
}
