import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

/**
 * The database refusing every write to the audit trail, as a full disk does: a trigger that fails
 * each insert of an entry and each update of the chain head.
 */
async function breakAuditWrites(t: TestPlatform, dialect: string): Promise<() => Promise<void>> {
  const db = t.platform.storage.db;
  if (dialect === 'sqlite') {
    await sql`create trigger full_disk_entry before insert on audit_entry begin select raise(abort, 'database or disk is full'); end`.execute(
      db,
    );
    await sql`create trigger full_disk_head before update on audit_head begin select raise(abort, 'database or disk is full'); end`.execute(
      db,
    );
    return async () => {
      await sql`drop trigger full_disk_entry`.execute(db);
      await sql`drop trigger full_disk_head`.execute(db);
    };
  }
  await sql`create function full_disk() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device'; end $$`.execute(
    db,
  );
  await sql`create trigger full_disk_entry before insert on audit_entry for each row execute function full_disk()`.execute(
    db,
  );
  await sql`create trigger full_disk_head before update on audit_head for each row execute function full_disk()`.execute(
    db,
  );
  return async () => {
    await sql`drop trigger full_disk_entry on audit_entry`.execute(db);
    await sql`drop trigger full_disk_head on audit_head`.execute(db);
    await sql`drop function full_disk()`.execute(db);
  };
}

// Issue 15: /api/ready answered 200 through a full disk while every read failed with
// AUDIT_WRITE_FAILED; a load balancer kept sending traffic to a node that could answer none of it.
describe.each(DIALECTS)('readiness while the audit trail cannot be written on %s', (dialect) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ dialect });
  });
  afterAll(() => t?.close());

  const ready = () => t.platform.http.inject({ method: 'GET', url: '/api/ready' });
  const read = () =>
    t.platform.services.audit.append(
      { actor: undefined, requestId: 'readiness-test' },
      { action: 'test.read', targetType: 'test', targetId: 'x' },
    );

  it('answers 503 naming the audit trail after a failed commit, and 200 again once writes succeed', async () => {
    expect((await ready()).statusCode).toBe(200);
    const repair = await breakAuditWrites(t, dialect);
    await expect(read()).rejects.toMatchObject({ code: 'AUDIT_WRITE_FAILED' });
    const refused = await ready();
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ status: 'not_ready' });
    expect(refused.json().reason).toContain('audit trail cannot be written');
    // Still refused while the disk stays full: the probe writes and fails too.
    expect((await ready()).statusCode).toBe(503);
    await repair();
    // No read arrives at a node out of service: the probe alone brings it back.
    expect((await ready()).statusCode).toBe(200);
    await expect(read()).resolves.toMatchObject({ seq: expect.any(Number) });
  });
});
