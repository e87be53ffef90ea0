/**
 * A platform in its own process, uploading a file through its own HTTP port and printing each
 * progress line, so that a test can SIGKILL it mid-load (issue 15).
 *
 * Args: dialect sqlitePath|databaseUrl pgSchema|- dataDir now token entryId file format
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createPlatform } from '../../../../app/index.js';
import { ManualClock } from '../../../../platform/clock/index.js';
import { loadConfig } from '../../../../platform/config/index.js';
import { openStorage } from '../../../../platform/db/index.js';

const [dialect, target, schema, dataDir, now, token, entryId, file, format] = process.argv.slice(2);
const storage = await openStorage(
  dialect === 'postgres'
    ? { databaseUrl: target as string, pgSchema: schema as string }
    : { sqlitePath: target as string },
);
const config = loadConfig({}, { dataDir: dataDir as string, port: 0 });
config.exchange.uploadLimitBytes = 1 << 30;
const platform = await createPlatform(config, {
  storage: storage as never,
  clock: new ManualClock(now as string),
  jobs: false,
});
await platform.http.listen({ host: '127.0.0.1', port: 0 });
const port = (platform.http.server.address() as AddressInfo).port;
const res = await fetch(
  `http://127.0.0.1:${port}/api/v1/exchange/resources/${entryId}/loads?format=${format}`,
  {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: readFileSync(file as string),
  },
);
process.stdout.write(`status ${res.status}\n`);
const decoder = new TextDecoder();
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
  process.stdout.write(decoder.decode(chunk, { stream: true }));
process.stdout.write('\nend\n');
await platform.close();
await storage.close();
