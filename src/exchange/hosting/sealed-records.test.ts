import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../../catalog/test-support/content.js';
import { canonicalJson } from '../../platform/cases/index.js';
import {
  flipped as flipBit,
  opensslVerifies as opensslAccepts,
} from '../../platform/crypto/test-support/openssl.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues, SealedRecord } from '../model.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../test-support/index.js';

/** A key query of licence data states its purpose and, where snapshots are on (Guangzhou), its case. */
const PURPOSE = { 'x-govshare-purpose': 'data_verification', 'x-govshare-case-number': 'GZ-ZF-2026-0001' };
const SEAL_API = '/api/v1/seal';

/** A licence-type entry (证照类, R106): the base catalog's 电子证照 area, keyed by the licence number. */
const licenceContent = () =>
  exchangeContent({
    name: '居住证电子证照',
    classification: { catalog: 'base', area: 'e_licence', category: '001' },
    items: [
      item({ name: '证照编号', length: 40, isKey: true, keyKind: 'other', personal: false }),
      item({ name: '持证人', length: 200, personal: false }),
      item({ name: '居住地址', length: 2000, personal: false }),
      item({ name: '签发日期', dataType: 'D', personal: false }),
    ],
  });

const licence = (n: number, extra: Partial<RecordValues> = {}): RecordValues => ({
  证照编号: `GZ2026-${String(n).padStart(6, '0')}`,
  持证人: `持证人${n}`,
  居住地址: `广州市天河区某路 ${n} 号`,
  签发日期: '2026-09-01',
  ...extra,
});

interface SealedWorld {
  x: ExchangeWorld;
  entryId: string;
  write(records: RecordValues[], mode?: string): Promise<{ status: number; body: any }>;
  query(keys: string[]): Promise<{ status: number; body: any }>;
  issueSeal(departmentId: string, sealName: string): Promise<string>;
  verify(sealed: unknown): Promise<{ status: number; body: any }>;
}

async function startSealedWorld(dialect: (typeof DIALECTS)[number], profile: string): Promise<SealedWorld> {
  // The sample entry of the world is not sealed; the licence entry beside it is.
  const x = await startExchangeWorld(dialect, { profile, records: 0 });
  const entryId = await x.publishAndHost(licenceContent());
  await x.grant(
    licenceContent().items.map((i) => i.name),
    ['online_query', 'batch_download'],
    {
      entryId,
    },
  );
  return {
    x,
    entryId,
    write: (records, mode = 'all_or_nothing') =>
      x.w.police.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
        ops: records.map((record) => ({ op: 'upsert', record })),
        mode,
      }),
    query: (keys) =>
      x.w.hrss.request('POST', `${EXCHANGE_API}/resources/${entryId}/query`, { keys }, PURPOSE),
    async issueSeal(departmentId, sealName) {
      const res = await x.w.sysadmin.request('POST', `${SEAL_API}/seals`, {
        departmentId,
        sealName,
        validTo: '2031-12-31T16:00:00Z',
      });
      if (res.status !== 201) throw new Error(`seal: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.keyId as string;
    },
    verify: (sealed) => x.w.hrss.request('POST', `${SEAL_API}/verify`, sealed),
  };
}

/** The real openssl on the signed text of a sealed record (docs/seal.md), intact and with one byte flipped. */
function opensslVerifies(sealed: SealedRecord, pem: string): { intact: boolean; flipped: boolean } {
  const { signature, ...unsigned } = sealed.seal;
  // The signed text, spelled out: canonical JSON of { document, seal without signature }.
  const bytes = Buffer.from(canonicalJson({ document: sealed.document, seal: unsigned }), 'utf8');
  return {
    intact: opensslAccepts(sealed.seal.algorithm, pem, bytes, signature),
    flipped: opensslAccepts(sealed.seal.algorithm, pem, flipBit(bytes, -20), signature),
  };
}

describe.each(DIALECTS)(
  'R106 R108 sealed licence records under Guangzhou (features.eSeal) on %s',
  (dialect) => {
    let s: SealedWorld;
    let keyId: string;

    beforeAll(async () => {
      s = await startSealedWorld(dialect, 'guangzhou');
    }, 180_000);
    afterAll(() => s?.x.close());

    it('R106 a department without a seal is refused: batches and all-or-nothing uploads write nothing', async () => {
      const res = await s.write([licence(1), licence(2)]);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('EXCHANGE_SEAL_REQUIRED');
      expect(res.body.error.message).toContain('证照类');
      const upload = await s.x.upload(`${JSON.stringify(licence(3))}\n`, {
        format: 'ndjson',
        entryId: s.entryId,
      });
      expect(upload.status).toBe(409);
      expect(upload.body.error.code).toBe('EXCHANGE_SEAL_REQUIRED');
      expect(await s.x.hosted(s.entryId)).toMatchObject({ rowCount: 0, lastSeq: 0 });
    });

    it("R106 another department's seal does not seal the provider's records", async () => {
      // 人社 has a seal; 公安 (the provider) still has none, and is still refused.
      await s.issueSeal(s.x.w.departments.hrss, '广州市人力资源和社会保障局电子印章');
      expect((await s.write([licence(1)])).body.error.code).toBe('EXCHANGE_SEAL_REQUIRED');
      // Nor may 人社 write the police's resource at all.
      const foreign = await s.x.w.hrss.request('POST', `${EXCHANGE_API}/resources/${s.entryId}/batches`, {
        ops: [{ op: 'upsert', record: licence(1) }],
      });
      expect(foreign.status).toBe(403);
    });

    it('R106 R108 a batch is sealed with the provider seal; the key query carries it and it verifies', async () => {
      keyId = await s.issueSeal(s.x.w.departments.police, '广州市公安局电子印章');
      const res = await s.write([licence(1), licence(2)]);
      expect(res.status).toBe(200);
      const answer = await s.query([licence(1).证照编号 as string, licence(2).证照编号 as string]);
      expect(answer.status).toBe(200);
      expect(answer.body.sealed).toHaveLength(2);
      const sealed = answer.body.sealed[0] as SealedRecord;
      expect(sealed.document).toEqual({
        resource: (await s.x.hosted(s.entryId)).entry.code,
        key: licence(1).证照编号,
        values: licence(1),
      });
      expect(sealed.seal).toMatchObject({
        keyId,
        sealName: '广州市公安局电子印章',
        departmentId: s.x.w.departments.police,
        algorithm: 'sm2',
      });
      const verdict = await s.verify(sealed);
      expect(verdict.body).toMatchObject({ valid: true, reason: 'valid' });
      // One changed character of a value, or of the signature, fails.
      const changed = structuredClone(sealed);
      changed.document.values.居住地址 = '广州市天河区某路 9 号';
      expect((await s.verify(changed)).body).toMatchObject({ valid: false, reason: 'digest_mismatch' });
      const forged = structuredClone(sealed);
      const sig = Buffer.from(forged.seal.signature, 'base64');
      sig[sig.length - 3] = (sig[sig.length - 3] as number) ^ 0x01;
      forged.seal.signature = sig.toString('base64');
      expect((await s.verify(forged)).body.valid).toBe(false);
      const redated = structuredClone(sealed);
      redated.seal.signedAt = '2026-09-29T00:00:00.000Z';
      expect((await s.verify(redated)).body.valid).toBe(false);
    });

    it('R108 openssl alone verifies a sealed record and refuses a flipped byte', async () => {
      const answer = await s.query([licence(2).证照编号 as string]);
      const sealed = answer.body.sealed[0] as SealedRecord;
      const pem = await s.x.w.hrss.request('GET', `${SEAL_API}/seals/${sealed.seal.keyId}/public-key`);
      expect(opensslVerifies(sealed, pem.body)).toEqual({ intact: true, flipped: false });
    });

    it('R106 an update is sealed anew; an unchanged upsert keeps its seal; a delete drops it', async () => {
      const before = (await s.query([licence(1).证照编号 as string])).body.sealed[0] as SealedRecord;
      s.x.clock.advance(60_000);
      await s.write([licence(1)]);
      const same = (await s.query([licence(1).证照编号 as string])).body.sealed[0] as SealedRecord;
      expect(same.seal.signedAt).toBe(before.seal.signedAt);
      await s.write([licence(1, { 居住地址: '广州市越秀区新址 8 号' })]);
      const renewed = (await s.query([licence(1).证照编号 as string])).body.sealed[0] as SealedRecord;
      expect(renewed.document.values.居住地址).toBe('广州市越秀区新址 8 号');
      expect(renewed.seal.signedAt > before.seal.signedAt).toBe(true);
      expect((await s.verify(renewed)).body.valid).toBe(true);
      const del = await s.x.w.police.request('POST', `${EXCHANGE_API}/resources/${s.entryId}/batches`, {
        ops: [{ op: 'delete', record: { 证照编号: licence(1).证照编号 } }],
      });
      expect(del.body.applied).toBe(1);
      const rows = (await s.x.platform.storage.db
        .selectFrom('exchange_record_seal' as never)
        .select(['record_key' as never])
        .execute()) as unknown as { record_key: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.record_key)).not.toContain(licence(1).证照编号);
    });

    it('R106 an uploaded file is sealed in its transaction, all or nothing and keep good', async () => {
      const lines = [licence(10), licence(11), licence(12)].map((r) => JSON.stringify(r)).join('\n');
      for (const mode of ['all_or_nothing', 'keep_good'] as const) {
        const upload = await s.x.upload(`${lines}\n`, { format: 'ndjson', entryId: s.entryId, mode });
        expect(upload.status).toBe(200);
      }
      const answer = await s.query(['GZ2026-000010', 'GZ2026-000011', 'GZ2026-000012']);
      expect(answer.body.records).toHaveLength(3);
      expect(answer.body.sealed).toHaveLength(3);
      for (const sealed of answer.body.sealed) expect((await s.verify(sealed)).body.valid).toBe(true);
      // A batch download (NDJSON) carries each record's seal on its line.
      const download = await s.x.w.hrss.request(
        'GET',
        `${EXCHANGE_API}/resources/${s.entryId}/download?format=ndjson`,
        undefined,
        { 'x-govshare-purpose': 'data_verification' },
      );
      expect(download.status).toBe(200);
      const records = String(download.body)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((l) => !l.manifest);
      expect(records.length).toBeGreaterThanOrEqual(4);
      for (const line of records) {
        expect(line.sealed.document.key).toBe(line.证照编号);
        expect((await s.verify(line.sealed)).body.valid).toBe(true);
      }
    });

    it('R106 hostile strings seal and verify; NUL and lone surrogates are refused at the boundary as before', async () => {
      const hostile = licence(20, {
        持证人: '"; DROP TABLE x; -- <script>alert(1)</script> \u202e\u0645\u0631\u062d\u0628\u0627 😀',
        居住地址: `${'广'.repeat(998)}\\`,
      });
      expect((await s.write([hostile])).status).toBe(200);
      const answer = await s.query([hostile.证照编号 as string]);
      expect(answer.body.records).toHaveLength(1);
      const sealed = answer.body.sealed?.[0] as SealedRecord;
      expect(sealed.document.values.持证人).toBe(hostile.持证人);
      expect((await s.verify(sealed)).body.valid).toBe(true);
      for (const bad of ['a\u0000b', 'a\ud800b']) {
        const res = await s.write([licence(21, { 持证人: bad })]);
        expect([400, 422]).toContain(res.status);
      }
      expect((await s.query(['GZ2026-000021'])).body.records).toEqual([]);
    });

    it('R106 concurrent batches of one resource are each sealed in their own transaction', async () => {
      const batches = Array.from({ length: 4 }, (_, b) =>
        Array.from({ length: 25 }, (_, i) => licence(100 + b * 25 + i, { 持证人: `并发${b}` })),
      );
      const answers = await Promise.all(batches.map((records) => s.write(records)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const keys = batches.flat().map((r) => r.证照编号 as string);
      const answer = await s.query(keys);
      expect(answer.body.records).toHaveLength(100);
      expect(answer.body.sealed).toHaveLength(100);
      const sample = [0, 37, 74, 99].map((i) => answer.body.sealed[i]);
      for (const sealed of sample) expect((await s.verify(sealed)).body.valid).toBe(true);
    });

    it('R106 a reader given masked or partial records gets no seal (it would not verify)', async () => {
      const partial = await s.x.w.hrss.request(
        'POST',
        `${EXCHANGE_API}/resources/${s.entryId}/query`,
        { keys: ['GZ2026-000010'], items: ['证照编号', '持证人'] },
        PURPOSE,
      );
      expect(partial.status).toBe(200);
      expect(partial.body.records).toHaveLength(1);
      expect(partial.body.sealed).toBeUndefined();
    });
  },
);

describe.each(DIALECTS)(
  'R106 the national profile stores licence records unsealed without a seal on %s',
  (dialect) => {
    let s: SealedWorld;
    beforeAll(async () => {
      s = await startSealedWorld(dialect, 'national');
    }, 180_000);
    afterAll(() => s?.x.close());

    it('R106 no seal: stored and answered unsealed; once the provider has one, new writes are sealed', async () => {
      expect((await s.write([licence(1)])).status).toBe(200);
      const plain = await s.query([licence(1).证照编号 as string]);
      expect(plain.body.records).toEqual([licence(1)]);
      expect(plain.body.sealed).toBeUndefined();
      await s.issueSeal(s.x.w.departments.police, '公安局电子印章');
      expect((await s.write([licence(2)])).status).toBe(200);
      const answer = await s.query([licence(1).证照编号 as string, licence(2).证照编号 as string]);
      expect(answer.body.records).toHaveLength(2);
      expect(answer.body.sealed.map((r: SealedRecord) => r.document.key)).toEqual([licence(2).证照编号]);
    });
  },
);
