import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../exchange/test-support/index.js';
import { OrgClient, signedInUser } from '../org/test-support/index.js';
import { opensslVerifies as opensslAccepts } from '../platform/crypto/test-support/openssl.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { SnapshotContent } from './index.js';

const API = '/api/v1/seal/snapshots';
const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const CASE = 'GZ-ZF-2026-0001';
const GRANTED = ['公民身份号码', '姓名', '参保状态', '缴费基数'];
/** A licence-type entry (证照类): the base catalog's 电子证照 area. */
const LICENCE = exchangeContent({
  name: '居住证电子证照',
  classification: { catalog: 'base', area: 'e_licence', category: '001' },
});

/** Whether the real openssl accepts `signature` over the snapshot's signed `text` under `pem`. */
const opensslVerifies = (text: string, signature: string, pem: string, algorithm: string): boolean =>
  opensslAccepts(algorithm as 'sm2' | 'ed25519', pem, Buffer.from(text, 'utf8'), signature);

describe.each(DIALECTS)(
  'R107 data snapshots (数据快照 / 电子凭证) of key queries on %s (issue 19)',
  (dialect) => {
    let x: ExchangeWorld;
    let client: ApiRequester;
    let otherEntry: string;
    let auditor: OrgClient;
    const anonymous = () => new OrgClient(x.platform);
    const key = (i: number) => x.records[i]?.公民身份号码 as string;
    const query = (
      keys: string[],
      headers: Record<string, string> = { ...PURPOSE, 'x-govshare-case-number': CASE },
      entryId = x.entryId,
    ) => client.request('POST', `${EXCHANGE_API}/resources/${entryId}/query`, { keys }, headers);
    const snapshotCount = async () =>
      Number(
        (
          await x.platform.storage.db
            .selectFrom('data_snapshot')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      x = await startExchangeWorld(dialect, {
        profile: 'guangzhou',
        content: LICENCE,
        records: 6,
        exchange: { readCacheMs: 0 },
      });
      await x.grant(GRANTED, ['online_query']);
      // A resource that is neither document- nor licence-type: 人口 base data kept in a database.
      otherEntry = await x.publishAndHost(exchangeContent({ name: '人员参保核验信息（非证照）' }));
      await x.grant(GRANTED, ['online_query'], { entryId: otherEntry });
      await x.w.police.request('POST', `${EXCHANGE_API}/resources/${otherEntry}/batches`, {
        ops: x.records.map((record) => ({ op: 'upsert', record })),
      });
      client = await x.apiClient(x.w.departments.hrss);
      auditor = await signedInUser(x.platform, 'snap.auditor', x.w.departments.county, ['auditor']);
    }, 180_000);
    afterAll(async () => x?.close());

    it('R107 refuses a key query of licence data that states no case number, and audits the refusal', async () => {
      const before = await snapshotCount();
      const res = await query([key(0)], PURPOSE);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.code).toBe('EXCHANGE_SNAPSHOT_CASE_REQUIRED');
      expect(res.body.error.message).toContain('证照类');
      expect(res.body.error.message).toContain('x-govshare-case-number');
      expect(await snapshotCount()).toBe(before);
      const last = await x.platform.storage.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('resource_id', '=', x.entryId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(String(last.detail))).toMatchObject({ refused: 'EXCHANGE_SNAPSHOT_CASE_REQUIRED' });
    });

    let snapshotId: string;
    let answered: Record<string, unknown>[];

    it('R107 a key query of licence data fixes a signed snapshot, named in the answer and the access entry, found by its case number', async () => {
      const before = await snapshotCount();
      const res = await query([key(1), key(0)]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(typeof res.body.snapshotId).toBe('string');
      snapshotId = res.body.snapshotId;
      answered = res.body.records;
      expect(answered).toHaveLength(2);
      expect(await snapshotCount()).toBe(before + 1);

      // The access entry of the query names the snapshot (the two commit together).
      const entry = await x.platform.storage.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('resource_id', '=', x.entryId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(String(entry.detail)).snapshotId).toBe(snapshotId);
      expect(entry.case_number).toBe(CASE);

      // The requesting department finds it by its case number.
      const list = await x.w.hrss.request('GET', `${API}?caseNumber=${CASE}`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toContain(snapshotId);
      const found = list.body.items.find((s: { id: string }) => s.id === snapshotId);
      expect(found).toMatchObject({
        caseNumber: CASE,
        kind: 'licence',
        purpose: 'data_verification',
        recordCount: 2,
        entry: { id: x.entryId, name: '居住证电子证照' },
        requester: { departmentId: x.w.departments.hrss },
      });
      expect(found.requester.departmentName).not.toBe(x.w.departments.hrss);
      expect((await x.w.hrss.request('GET', `${API}?caseNumber=GZ-OTHER-1`)).body.items).toEqual([]);

      const one = await x.w.hrss.request('GET', `${API}/${snapshotId}`);
      expect(one.status).toBe(200);
      expect(one.body.verification).toMatchObject({ valid: true, reason: 'valid' });
      const content = JSON.parse(one.body.content) as SnapshotContent;
      expect(content).toMatchObject({
        format: 'govshare-snapshot/1',
        id: snapshotId,
        caseNumber: CASE,
        kind: 'licence',
        purpose: 'data_verification',
        requester: { kind: 'client', departmentId: x.w.departments.hrss },
        resource: { entryId: x.entryId },
      });
      // What the reader received, record for record, masked where it was.
      expect(content.records.map((r) => r.values)).toEqual(answered);
      expect(content.masked).toEqual(['公民身份号码', '姓名'].sort());
      for (const r of content.records) expect(r.digest).toMatch(/^[0-9a-f]{64}$/);

      // Anyone verifies it by id and digest, without signing in.
      const verified = await anonymous().request('POST', `${API}/verify`, {
        id: snapshotId,
        digest: one.body.digest,
      });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        valid: true,
        reason: 'valid',
        snapshot: { id: snapshotId, caseNumber: CASE, recordCount: 2, kind: 'licence' },
      });
      expect(JSON.stringify(verified.body)).not.toContain(String(answered[0]?.参保状态 ?? '¤'));
    });

    it('R107 openssl alone verifies the snapshot signature with the platform public key, and refuses a flipped byte', async () => {
      const one = await x.w.hrss.request('GET', `${API}/${snapshotId}`);
      const pem = await anonymous().request('GET', `${API}/public-key`);
      expect(pem.status).toBe(200);
      expect(pem.body).toContain('BEGIN PUBLIC KEY');
      expect(
        opensslVerifies(one.body.content, one.body.signature, pem.body, one.body.signatureAlgorithm),
      ).toBe(true);
      const text: string = one.body.content;
      const flipped = text.replace(CASE, CASE.replace('0001', '0002'));
      expect(flipped).not.toBe(text);
      expect(opensslVerifies(flipped, one.body.signature, pem.body, one.body.signatureAlgorithm)).toBe(false);
    });

    it('R107 the snapshot keeps what was returned at that moment after the record changes', async () => {
      const record = x.records[0] as Record<string, unknown>;
      const changed = { ...record, 参保状态: '已停保', 缴费基数: 99999 };
      const write = await x.write([changed]);
      expect(write.status, JSON.stringify(write.body)).toBe(200);
      const now = await query([key(0)], { ...PURPOSE, 'x-govshare-case-number': 'GZ-ZF-2026-0002' });
      expect(now.body.records[0].参保状态).toBe('已停保');
      const one = await x.w.hrss.request('GET', `${API}/${snapshotId}`);
      const content = JSON.parse(one.body.content) as SnapshotContent;
      const fixed = content.records.find(
        (r) => r.values.缴费基数 === record.缴费基数 && r.values.参保状态 === record.参保状态,
      );
      expect(fixed).toBeDefined();
      expect(content.records.some((r) => r.values.参保状态 === '已停保')).toBe(false);
      expect(one.body.verification.valid).toBe(true);
    });

    it('R107 a changed byte fails verification: in the digest given, and in the stored content', async () => {
      const res = await query([key(2)], { ...PURPOSE, 'x-govshare-case-number': 'GZ-ZF-2026-0003' });
      const id = res.body.snapshotId as string;
      const one = await x.w.hrss.request('GET', `${API}/${id}`);
      const digest: string = one.body.digest;
      const wrong = `${digest.slice(0, 10)}${digest[10] === '0' ? '1' : '0'}${digest.slice(11)}`;
      const byDigest = await anonymous().request('POST', `${API}/verify`, { id, digest: wrong });
      expect(byDigest.body).toMatchObject({ valid: false, reason: 'digest_mismatch' });
      expect(byDigest.body.snapshot).toBeUndefined();
      expect(
        (await anonymous().request('POST', `${API}/verify`, { id: 'no-such-id', digest })).body,
      ).toMatchObject({
        valid: false,
        reason: 'unknown',
      });

      // One byte of the kept content changed behind the platform's back.
      const text: string = one.body.content;
      const tampered = text.replace('"purpose":"data_verification"', '"purpose":"data_verificatioN"');
      expect(tampered).not.toBe(text);
      await x.platform.storage.db
        .updateTable('data_snapshot')
        .set({ content: tampered })
        .where('id', '=', id)
        .execute();
      const after = await x.w.hrss.request('GET', `${API}/${id}`);
      expect(after.body.verification).toMatchObject({ valid: false, reason: 'signature_mismatch' });
      const pub = await anonymous().request('POST', `${API}/verify`, { id, digest });
      expect(pub.body).toMatchObject({ valid: false, reason: 'signature_mismatch' });
      // The stored digest re-computed to fit does not help: the signature still refuses.
      const { createHash } = await import('node:crypto');
      const refit = createHash(one.body.signatureAlgorithm === 'sm2' ? 'sm3' : 'sha256')
        .update(tampered)
        .digest('hex');
      await x.platform.storage.db
        .updateTable('data_snapshot')
        .set({ digest: refit })
        .where('id', '=', id)
        .execute();
      expect((await anonymous().request('POST', `${API}/verify`, { id, digest: refit })).body.reason).toBe(
        'signature_mismatch',
      );
    });

    it('R107 another department cannot read it (404, absent from its lists); the auditor and the authority can', async () => {
      const police = await x.w.police.request('GET', `${API}/${snapshotId}`);
      expect(police.status).toBe(404);
      expect(police.body.error.code).toBe('SNAPSHOT_NOT_FOUND');
      expect((await x.w.police.request('GET', `${API}?caseNumber=${CASE}`)).body.items).toEqual([]);
      expect((await x.w.hrssUser.request('GET', `${API}/${snapshotId}`)).status).toBe(200);
      expect((await auditor.request('GET', `${API}/${snapshotId}`)).status).toBe(200);
      expect((await x.w.authority.request('GET', `${API}/${snapshotId}`)).status).toBe(200);
      expect((await anonymous().request('GET', `${API}/${snapshotId}`)).status).toBe(401);
      // Each read is in the trail.
      const reads = await x.platform.storage.db
        .selectFrom('audit_entry')
        .select('action')
        .where('action', '=', 'snapshot.read')
        .where('target_id', '=', snapshotId)
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(3);
    });

    it('R107 a query of a resource that is neither document- nor licence-type makes no snapshot and needs no case number', async () => {
      const before = await snapshotCount();
      const res = await query([key(0)], PURPOSE, otherEntry);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.records).toHaveLength(1);
      expect(res.body).not.toHaveProperty('snapshotId');
      expect(await snapshotCount()).toBe(before);
    });

    it('R107 refuses hostile case numbers and ids before anything is read', async () => {
      const long = 'A'.repeat(100_000);
      expect((await x.w.hrss.request('GET', `${API}?caseNumber=${long}`)).status).toBeGreaterThanOrEqual(400);
      expect((await x.w.hrss.request('GET', `${API}?caseNumber=%00`)).status).toBe(400);
      expect((await x.w.hrss.request('GET', `${API}/%ED%A0%80`)).status).toBe(400);
      const bad = await anonymous().request('POST', `${API}/verify`, { id: '\u0000', digest: 'x' });
      expect(bad.status).toBe(400);
    });

    it.runIf(dialect === 'postgres')(
      'R107 concurrent key queries on PostgreSQL each get their own snapshot',
      async () => {
        const before = await snapshotCount();
        const answers = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            query([key(i % 6)], { ...PURPOSE, 'x-govshare-case-number': `GZ-CONC-${i}` }),
          ),
        );
        for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
        const ids = answers.map((a) => a.body.snapshotId as string);
        expect(new Set(ids).size).toBe(12);
        expect(await snapshotCount()).toBe(before + 12);
        for (const [i, id] of ids.entries()) {
          const one = await x.w.hrss.request('GET', `${API}/${id}`);
          expect(one.body.caseNumber).toBe(`GZ-CONC-${i}`);
          expect(one.body.verification.valid).toBe(true);
          expect(JSON.parse(one.body.content).records.map((r: { values: unknown }) => r.values)).toEqual(
            answers[i]?.body.records,
          );
        }
      },
    );

    it('R107 snapshots follow the audit retention period: the daily retention job removes those past it', async () => {
      const before = await snapshotCount();
      expect(before).toBeGreaterThan(0);
      expect(await x.platform.services.snapshots.expire('2000-01-01T00:00:00.000Z')).toBe(0);
      // Within the period (809: at least three years), the job keeps them.
      x.clock.advance(30 * 24 * 3600_000);
      await x.platform.services.jobs.runNow('audit.retention');
      expect(await snapshotCount()).toBe(before);
      // Past it, the job archives the access entries and removes the snapshots they name.
      x.clock.advance(4 * 365 * 24 * 3600_000);
      const status = await x.platform.services.jobs.runNow('audit.retention');
      expect(status.lastError, JSON.stringify(status)).toBeNull();
      expect(await snapshotCount()).toBe(0);
    });
  },
);

describe('R107 data snapshots under the international suite (Ed25519) on sqlite', () => {
  let x: ExchangeWorld;
  beforeAll(async () => {
    x = await startExchangeWorld('sqlite', {
      profile: 'guangzhou',
      content: exchangeContent({
        name: '执法文书',
        classification: { catalog: 'department', category: '001' },
        format: { category: 'electronic_file', concrete: 'OFD/PDF' },
      }),
      records: 2,
      config: { cryptoSuite: 'intl' },
    });
    await x.grant(GRANTED, ['online_query']);
  }, 180_000);
  afterAll(async () => x?.close());

  it('R107 a document-type query is signed with Ed25519, and openssl pkeyutl -rawin verifies it', async () => {
    const client = await x.apiClient(x.w.departments.hrss);
    const res = await client.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { keys: [x.records[0]?.公民身份号码 as string] },
      { ...PURPOSE, 'x-govshare-case-number': 'GZ-WS-2026-9' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const one = await x.w.hrss.request('GET', `${API}/${res.body.snapshotId}`);
    expect(one.body).toMatchObject({ kind: 'document', signatureAlgorithm: 'ed25519' });
    expect(one.body.verification.valid).toBe(true);
    const pem = (await new OrgClient(x.platform).request('GET', `${API}/public-key`)).body as string;
    expect(opensslVerifies(one.body.content, one.body.signature, pem, 'ed25519')).toBe(true);
    const flipped = (one.body.content as string).replace('GZ-WS-2026-9', 'GZ-WS-2026-8');
    expect(opensslVerifies(flipped, one.body.signature, pem, 'ed25519')).toBe(false);
  });
});
