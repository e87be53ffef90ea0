import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { cliCommand } from '../../../../test/support/cli.js';
import type { DialectName } from '../../../platform/db/index.js';
import { type ApiRequester, type ExchangeWorld, startExchangeWorld } from '../../test-support/index.js';

/** An exchange world listening on a loopback port, with 公安's upload client and a scratch folder. */
export interface UploadWorld {
  x: ExchangeWorld;
  /** The platform's address. */
  url: string;
  node: ApiRequester;
  dir: string;
  close(): Promise<void>;
}

export async function startUploadWorld(dialect: DialectName, dirPrefix: string): Promise<UploadWorld> {
  const x = await startExchangeWorld(dialect);
  await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(x.platform.http.server.address() as AddressInfo).port}`;
  const node = await x.apiClient(x.w.departments.police, '户籍上传系统');
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  return {
    x,
    url,
    node,
    dir,
    async close() {
      rmSync(dir, { recursive: true, force: true });
      await x.close();
    },
  };
}

/** Runs the real `govshare exchange upload` command, its client taken from the environment. */
export function spawnUpload(options: {
  url: string;
  entry: string;
  file: string;
  node: ApiRequester;
}): ChildProcessByStdio<null, Readable, Readable> {
  const { url, entry, file, node } = options;
  return spawn(
    process.execPath,
    [...cliCommand(), 'exchange', 'upload', '--url', url, '--entry', entry, '--file', file],
    {
      env: { ...process.env, GOVSHARE_CLIENT_ID: node.clientId, GOVSHARE_CLIENT_SECRET: node.secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}
