import { readFileSync } from 'node:fs';

/** govshare's version, read from package.json beside `src/` or `dist/` (the agent loads no platform code). */
export const AGENT_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
})();
