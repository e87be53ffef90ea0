/**
 * Sealing benchmark (R106): a file of `--rows` records of a licence-type resource (证照类: the base
 * catalog's 电子证照 area) through the platform's loader — parsing, checking, writing, the change
 * log — twice in the same run: first unsealed (the provider has no seal yet; the national profile
 * stores the records unsealed), then, once the operator has issued the provider's seal, the same
 * file into a second licence resource of the same items, every record signed (SM2 under 国密, or
 * Ed25519 with `--suite intl`) and its seal stored in the same transaction.
 *
 *   npm run bench -- seal-load [--dialect sqlite|postgres] [--rows 100000] [--suite sm|intl]
 *     [--mode all_or_nothing|keep_good]
 *
 * Prints rows per second of each and **ratio** = sealed / unsealed.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntryContent } from '../src/catalog/model.js';
import { resourceAdminContext } from './hosted-rows.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const ITEMS = [
  ['证照编号', 'C', 40],
  ['证照名称', 'C', 50],
  ['持证人', 'C', 50],
  ['持证人证件号码', 'C', 40],
  ['居住地址', 'C', 200],
  ['签发机关', 'C', 100],
  ['签发日期', 'D', undefined],
  ['有效期至', 'D', undefined],
] as const;

function row(i: number): string[] {
  const day = String((i % 28) + 1).padStart(2, '0');
  return [
    `GZJZZ${String(i).padStart(10, '0')}`,
    '广东省居住证',
    `持证人${i}`,
    `ID${String(i * 7919).padStart(12, '0')}`,
    `广州市天河区某路 ${i % 1000} 号 ${i % 30} 楼`,
    '广州市公安局天河区分局',
    `2026-0${(i % 9) + 1}-${day}`,
    `2031-0${(i % 9) + 1}-${day}`,
  ];
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${ITEMS.map(([name]) => name).join(',')}\n`);
  for (let from = 0; from < rows; from += 10_000) {
    let chunk = '';
    for (let i = from; i < Math.min(rows, from + 10_000); i++) chunk += `${row(i).join(',')}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '100000'));
  const suite = option(options.args, 'suite', 'sm') === 'intl' ? 'intl' : 'sm';
  const mode =
    option(options.args, 'mode', 'all_or_nothing') === 'keep_good' ? 'keep_good' : 'all_or_nothing';
  if (options.dialect === 'postgres') {
    const url =
      process.env.GOVSHARE_BENCH_DATABASE_URL ||
      process.env.GOVSHARE_TEST_DATABASE_URL ||
      process.env.DATABASE_URL;
    if (!url) throw new Error('set GOVSHARE_BENCH_DATABASE_URL to a PostgreSQL database');
    process.env.GOVSHARE_TEST_DATABASE_URL = url;
  }
  const { startExchangeWorld, exchangeContent } = await import('../src/exchange/test-support/index.js');
  const { item } = await import('../src/catalog/test-support/content.js');
  const licence = (name: string): EntryContent =>
    exchangeContent({
      name,
      classification: { catalog: 'base', area: 'e_licence', category: '001' },
      items: ITEMS.map(([itemName, dataType, length], i) =>
        item({
          name: itemName,
          dataType,
          ...(length ? { length } : {}),
          isKey: i === 0,
          ...(i === 0 ? { keyKind: 'other' as const } : {}),
          personal: false,
        }),
      ),
    });
  const x = await startExchangeWorld(options.dialect, {
    records: 0,
    config: { cryptoSuite: suite },
  });
  const dir = mkdtempSync(join(tmpdir(), 'govshare-bench-seal-'));
  try {
    const file = join(dir, 'licences.csv');
    await writeCsv(file, rows);
    const bytes = statSync(file).size;
    console.log(`seal-load: ${rows} licence records, ${(bytes / 1024 / 1024).toFixed(1)} MiB csv`);
    const plainEntry = await x.publishAndHost(licence('居住证电子证照（未签章基准）'));
    const sealedEntry = await x.publishAndHost(licence('居住证电子证照（签章）'));
    const db = x.platform.storage.db;
    const resource = await x.hosted(plainEntry);
    const ctx = await resourceAdminContext(x, resource, 'bench-seal-load');
    const { loads } = x.platform.services.exchange.hosting;
    const loadInto = async (entryId: string) => {
      const started = process.hrtime.bigint();
      const load = await loads.start(ctx, entryId, { format: 'csv', mode, totalBytes: bytes });
      const outcome = await loads.process(ctx, load, file);
      if (outcome.load.applied !== rows)
        throw new Error(`applied ${outcome.load.applied} of ${rows}: ${JSON.stringify(outcome.load)}`);
      return rows / seconds(started);
    };
    const unsealed = await loadInto(plainEntry);
    console.log(`unsealed: ${Math.round(unsealed).toLocaleString('en')} rows/s`);
    const issued = await x.w.sysadmin.request('POST', '/api/v1/seal/seals', {
      departmentId: resource.provider.departmentId,
      sealName: '公安局电子印章',
      validTo: '2031-12-31T16:00:00Z',
    });
    if (issued.status !== 201) throw new Error(`seal: ${JSON.stringify(issued.body)}`);
    const sealed = await loadInto(sealedEntry);
    const stored = await db
      .selectFrom('exchange_record_seal' as never)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number((stored as { n: number }).n) !== rows) throw new Error(`${stored.n} seals for ${rows} rows`);
    console.log(`sealed:   ${Math.round(sealed).toLocaleString('en')} rows/s (${issued.body.algorithm})`);
    const ratio = sealed / unsealed;
    console.log(`ratio:    ${ratio.toFixed(2)} (sealed / unsealed)`);
    console.log(
      JSON.stringify({
        bench: 'seal-load',
        dialect: options.dialect,
        rows,
        mode,
        algorithm: issued.body.algorithm,
        unsealedRowsPerSec: Math.round(unsealed),
        sealedRowsPerSec: Math.round(sealed),
        ratio: Number(ratio.toFixed(3)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await x.close();
  }
}
