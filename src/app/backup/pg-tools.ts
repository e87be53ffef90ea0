import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { BackupErrors } from './errors.js';

export type PgTool = 'pg_dump' | 'pg_restore';

function majorOf(binary: string): number | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    const match = /(\d+)(?:\.\d+)?/.exec(out.replace(/^[^\d]*/, ''));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL client tool to use against a server of major version `serverMajor`: the first of
 * GOVSHARE_PG_BIN, PATH and /usr/lib/postgresql/<n>/bin (newest first) whose version is at least
 * the server's, since pg_dump refuses a newer server and Debian puts each version's tools there.
 */
export function findPgTool(tool: PgTool, serverMajor: number, env: NodeJS.ProcessEnv = process.env): string {
  const dirs = [
    ...(env.GOVSHARE_PG_BIN ? [env.GOVSHARE_PG_BIN] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
    ...debianDirs(),
  ];
  for (const dir of dirs) {
    const binary = join(dir, tool);
    if (!existsSync(binary)) continue;
    const major = majorOf(binary);
    if (major !== undefined && major >= serverMajor) return binary;
  }
  throw BackupErrors.error('PG_TOOL_MISSING', { tool, major: serverMajor });
}

function debianDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => join(root, name, 'bin'));
}

/**
 * The URL for a libpq tool without its password, and the environment that carries the password
 * instead: a password in argv is visible to every user in `ps`.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // node-pg reads `+` in the query as a space (URLSearchParams); libpq only percent-decodes, so
  // `options=-c+search_path=x` would reach the server as `+search_path`. Re-encode as %20.
  const query = [...parsed.searchParams]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  parsed.search = query ? `?${query}` : '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a PostgreSQL tool to its end; its stderr becomes the error when it fails. */
export function runPgTool(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          BackupErrors.error('PG_TOOL_FAILED', {
            tool: binary.split('/').at(-1),
            code,
            stderr: stderr.trim().slice(0, 2000),
          }),
        );
    });
  });
}
