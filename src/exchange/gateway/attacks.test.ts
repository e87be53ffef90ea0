import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  residentId,
  startExchangeWorld,
} from '../test-support/index.js';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const RATE = 3;

/**
 * Issue 12: no personal data leaves without a grant and a trace. The change log names every
 * record key (for a resource of persons, every resident ID number), so it is read like the
 * records; and a refused key query names the keys it asked for, so a person's access report shows
 * attempts as well as reads.
 */
describe.each(DIALECTS)('issue 12: personal data needs a grant and a trace, on %s', (dialect) => {
  let x: ExchangeWorld;
  let grantId: string;
  let probe: ApiRequester;
  const ids = () => x.records.map((r) => r.公民身份号码 as string);
  const changeLog = (as: OrgClient, headers: Record<string, string> = {}) =>
    as.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/change-log?limit=1000`, undefined, headers);
  const lastSeq = async () =>
    Number(
      (
        await x.platform.storage.db
          .selectFrom('audit_entry')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    );
  /** The access entries written since `seq`, oldest first. */
  const accessSince = (seq: number) =>
    x.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', seq)
      .where('category', '=', 'access')
      .orderBy('seq')
      .execute();
  const digestOf = (id: string) => x.platform.services.audit.subjectDigest('resident_id', id);

  beforeAll(async () => {
    // Three key queries a minute per grant: the last test reads past the limit.
    x = await startExchangeWorld(dialect, {
      records: 6,
      exchange: { readCacheMs: 0, ratePerGrantPerMinute: RATE },
    });
    // 人社 holds a grant of every item and method; its ID numbers are not granted in clear.
    grantId = await x.grant();
    // 示范县市场监督管理局 holds no grant on the resource.
    probe = await x.apiClient(x.w.departments.county, '县市场监管核验系统');
  }, 180_000);
  afterAll(async () => x?.close());

  it('change-log dump attack: the operator, the auditor and the authority see keyed digests, never ID numbers; each read leaves one access entry', async () => {
    for (const [who, client] of [
      ['operator', x.w.sysadmin],
      ['auditor', x.w.auditadmin],
      ['authority', x.w.authority],
    ] as const) {
      const before = await lastSeq();
      const res = await changeLog(client);
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.changes).toHaveLength(ids().length);
      for (const id of ids()) expect(JSON.stringify(res.body), who).not.toContain(id);
      // The digest is the audit trail's: an auditor can match it to the person's access entries.
      expect(res.body.changes.map((c: { key: string }) => c.key).sort()).toEqual(
        ids()
          .map((id) => `~${digestOf(id)}`)
          .sort(),
      );
      const entries = await accessSince(before);
      expect(entries, who).toHaveLength(1);
      const [entry] = entries;
      expect(entry).toMatchObject({ resource_id: x.entryId, outcome: 'success', grant_id: null });
      expect(entry?.record_keys).not.toContain(ids()[0]);
      expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ standing: 'platform', view: 'change_log' });
    }
  });

  it('change-log dump attack: the security administrator and a department without a grant are refused like a data read, and audited', async () => {
    let before = await lastSeq();
    const secadmin = await changeLog(x.w.secadmin);
    expect(secadmin.status).toBe(403);
    expect(secadmin.body.error.code).toBe('FORBIDDEN');
    expect(await accessSince(before)).toMatchObject([{ outcome: 'denied', resource_id: x.entryId }]);

    const unstated = await changeLog(x.w.countyAdmin);
    expect(unstated.status).toBe(400);
    expect(unstated.body.error.code).toBe('EXCHANGE_PURPOSE_REQUIRED');

    before = await lastSeq();
    const ungranted = await changeLog(x.w.countyAdmin, PURPOSE);
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.error.code).toBe('GRANT_MISSING');
    expect(JSON.stringify(ungranted.body)).not.toContain(ids()[0]);
    expect(await accessSince(before)).toMatchObject([
      { outcome: 'denied', resource_id: x.entryId, department_id: x.w.departments.county },
    ]);
  });

  it('change-log dump attack: a consumer with a grant sees the keys its change feed shows (pseudonyms), one access entry naming the keys', async () => {
    const before = await lastSeq();
    const res = await changeLog(x.w.hrss, PURPOSE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const id of ids()) expect(JSON.stringify(res.body)).not.toContain(id);
    const entries = await accessSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ grant_id: grantId, outcome: 'success', result_count: ids().length });
    // The keys the entry names are the records', as digests: the people's reports show this read.
    const named = JSON.parse(entries[0]?.record_keys ?? '[]') as { digest: string }[];
    expect(named.map((k) => k.digest).sort()).toEqual(ids().map(digestOf).sort());

    const feed = await x.w.hrss.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/changes?limit=1000`,
      undefined,
      PURPOSE,
    );
    expect(feed.status).toBe(200);
    const feedKeys = new Map(feed.body.changes.map((c: { seq: number; key: string }) => [c.seq, c.key]));
    for (const change of res.body.changes as { seq: number; key: string }[]) {
      expect(change.key.startsWith('~')).toBe(true);
      expect(change.key).toBe(feedKeys.get(change.seq));
    }
  });

  it('the provider’s own user sees its resource’s keys, and the read is audited', async () => {
    const before = await lastSeq();
    const res = await changeLog(x.w.policeUser);
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c: { key: string }) => c.key).sort()).toEqual(ids().sort());
    const entries = await accessSince(before);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ standing: 'provider' });
  });

  it('probing attack: a refused key query names the resident ID it asked for, so the auditor’s person report shows the attempt', async () => {
    const held = ids()[3] as string;
    const absent = residentId('19700101', 999);
    for (const idNumber of [held, absent]) {
      const before = await lastSeq();
      const res = await probe.request(
        'POST',
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: [idNumber] },
        PURPOSE,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('GRANT_MISSING');
      const [entry] = await accessSince(before);
      expect(entry).toMatchObject({ outcome: 'denied', method: 'query', actor_id: probe.id });
      // Named as a keyed digest, never the number itself.
      expect(entry?.record_keys).not.toContain(idNumber);
      expect(JSON.parse(entry?.record_keys ?? '[]')).toEqual([
        { kind: 'resident_id', digest: digestOf(idNumber) },
      ]);

      const report = await x.w.auditadmin.request('POST', '/api/v1/audit/reports/person', { idNumber });
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      const attempts = report.body.items.filter(
        (i: { outcome: string; actor: { id: string } }) => i.outcome === 'denied' && i.actor.id === probe.id,
      );
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({
        resourceId: x.entryId,
        method: 'query',
        department: { id: x.w.departments.county },
      });
    }
  });

  it('probing attack by filter: a refused query filtering on the key item is traced under that person too', async () => {
    const idNumber = ids()[4] as string;
    const res = await probe.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { filter: { 公民身份号码: idNumber.toLowerCase() } },
      PURPOSE,
    );
    expect(res.status).toBe(403);
    const report = await x.w.auditadmin.request('POST', '/api/v1/audit/reports/person', { idNumber });
    expect(
      report.body.items.filter(
        (i: { outcome: string; actor: { id: string } }) => i.outcome === 'denied' && i.actor.id === probe.id,
      ),
    ).toHaveLength(1);
  });

  it('probing past the rate limit: a key query refused for the rate limit names the ID it asked for', async () => {
    const reader = await x.apiClient(x.w.departments.hrss, '人社待遇核验系统');
    const idNumber = ids()[5] as string;
    const ask = () =>
      reader.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/query`, { keys: [idNumber] }, PURPOSE);
    for (let i = 0; i < RATE; i++) expect((await ask()).status).toBe(200);
    const before = await lastSeq();
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('EXCHANGE_RATE_LIMITED');
    const [entry] = await accessSince(before);
    expect(entry).toMatchObject({ outcome: 'failure', grant_id: grantId, actor_id: reader.id });
    expect(JSON.parse(entry?.record_keys ?? '[]')).toEqual([
      { kind: 'resident_id', digest: digestOf(idNumber) },
    ]);
  });
});
