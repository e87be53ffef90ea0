import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  OrgClient,
  type OrgWorld,
  signedInUser,
  startOrgWorld,
  USCCS,
} from '../org/test-support/index.js';
import { ManualClock } from '../platform/clock/index.js';
import type { CryptoSuite } from '../platform/config/index.js';
import {
  flipped as flipBit,
  opensslVerifies as opensslAccepts,
} from '../platform/crypto/test-support/openssl.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { SealedDocument, SealService } from './index.js';
import { signedText } from './index.js';

const API = '/api/v1/seal';
const START = '2026-12-10T02:00:00.000Z';
const POLICE_SEAL = '广州市公安局电子印章';

/** A licence-type record as a department would seal it. */
const licence = () => ({
  type: '居住证',
  number: 'GZ2026-000123',
  holder: { name: '张三', idNumber: '11010519491231002X' },
  issuedOn: '2026-12-10',
  items: [{ label: '居住地址', value: '广州市天河区某路 1 号' }],
});

interface SealWorld {
  w: OrgWorld;
  clock: ManualClock;
  seal: SealService;
  police: string;
  authority: OrgClient;
  policeUser: OrgClient;
  anonymous: OrgClient;
}

async function startSealWorld(dialect: (typeof DIALECTS)[number], suite: CryptoSuite): Promise<SealWorld> {
  const clock = new ManualClock(START);
  const w = await startOrgWorld(dialect, {
    clock,
    config: { cryptoSuite: suite, session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
  });
  const police = await createDepartment(w.platform, '广州市公安局', USCCS[0], w.city.id);
  const authorityDept = await createDepartment(w.platform, '广州市政务服务数据管理局', USCCS[1], w.city.id);
  const authority = await signedInUser(w.platform, 'gz.authority', authorityDept, ['authority']);
  const policeUser = await signedInUser(w.platform, 'gz.police', police, ['dept_user']);
  return {
    w,
    clock,
    seal: w.platform.services.seal,
    police,
    authority,
    policeUser,
    anonymous: new OrgClient(w.platform),
  };
}

/** Checks a sealed document's signature with the real openssl: as sealed, then with one byte flipped. */
function opensslVerifies(sealed: SealedDocument, pem: string): { intact: boolean; flipped: boolean } {
  const { signature, ...unsigned } = sealed.seal;
  const bytes = Buffer.from(signedText(sealed.document, unsigned), 'utf8');
  return {
    intact: opensslAccepts(sealed.seal.algorithm, pem, bytes, signature),
    flipped: opensslAccepts(sealed.seal.algorithm, pem, flipBit(bytes, 10), signature),
  };
}

describe.each(DIALECTS)('R106 R107 R108 department electronic seals on %s (issue 19)', (dialect) => {
  let s: SealWorld;
  let keyId: string;
  let sealedBefore: SealedDocument;

  beforeAll(async () => {
    s = await startSealWorld(dialect, 'sm');
  }, 180_000);
  afterAll(async () => s?.w.t.close());

  const issue = (client: OrgClient, body: Record<string, unknown>) =>
    client.request('POST', `${API}/seals`, {
      departmentId: s.police,
      validTo: '2031-12-31T16:00:00Z',
      ...body,
    });

  it('R106 only the operator issues a seal; a department user and the authority get 403', async () => {
    expect((await issue(s.policeUser, { sealName: POLICE_SEAL })).status).toBe(403);
    expect((await issue(s.authority, { sealName: POLICE_SEAL })).status).toBe(403);
    const res = await issue(s.w.sysadmin, { sealName: `  ${POLICE_SEAL} ` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sealName: POLICE_SEAL,
      department: { id: s.police, name: '广州市公安局' },
      algorithm: 'sm2',
      status: 'active',
      validFrom: START,
      revokedAt: null,
    });
    keyId = res.body.keyId;
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    // One active seal per department: a second issue is refused (rotate instead).
    const again = await issue(s.w.sysadmin, { sealName: POLICE_SEAL });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SEAL_ACTIVE_EXISTS');
    // The private key is stored sealed with the master key, never in clear.
    const row = await s.w.platform.storage.db
      .selectFrom('seal_key')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirstOrThrow();
    expect(row.private_key_sealed).toMatch(/^v1\.sm\./);
    const actions = await s.w.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', keyId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['seal.issue']);
  });

  it('R106 hostile seal names are refused with 400: NUL, a lone surrogate, 100k characters, blank', async () => {
    // Sent as raw JSON text, as a hostile client would: JSON.stringify would escape the surrogate too.
    for (const name of ['印章\\u0000名', '印章\\ud800名', 'x'.repeat(100_000), '   ', '印章\\u0007名']) {
      const raw = await s.w.platform.http.inject({
        method: 'POST',
        url: `${API}/seals`,
        headers: { cookie: s.w.sysadmin.cookie, 'content-type': 'application/json' },
        remoteAddress: s.w.sysadmin.ip,
        payload: `{"departmentId":"${s.police}","sealName":"${name}","validTo":"2031-12-31T16:00:00Z"}`,
      });
      expect(raw.statusCode, name.slice(0, 20)).toBe(400);
    }
  });

  it('R106 the operator and the authority list seals with their status; a department user may not', async () => {
    for (const client of [s.w.sysadmin, s.authority]) {
      const res = await client.request('GET', `${API}/seals`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([expect.objectContaining({ keyId, status: 'active' })]);
    }
    expect((await s.policeUser.request('GET', `${API}/seals`)).status).toBe(403);
  });

  it('R108 a sealed document verifies; one character changed is refused as content changed', async () => {
    s.clock.advance(60_000);
    const sealed = await s.seal.sealDocument(s.police, licence());
    expect(sealed.seal).toMatchObject({
      keyId,
      sealName: POLICE_SEAL,
      departmentId: s.police,
      algorithm: 'sm2',
    });
    expect(sealed.seal.signedAt).toBe('2026-12-10T02:01:00.000Z');
    sealedBefore = sealed;
    const ok = await s.anonymous.request('POST', `${API}/verify`, sealed);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      valid: true,
      reason: 'valid',
      seal: { status: 'active', sealName: POLICE_SEAL },
    });

    const changed = structuredClone(sealed);
    changed.document.number = 'GZ2026-000124';
    const bad = await s.anonymous.request('POST', `${API}/verify`, changed);
    expect(bad.body).toMatchObject({ valid: false, reason: 'digest_mismatch' });
    expect(bad.body.message.zh).toContain('内容已被改动');
    // A forger who also recomputes the digest still lacks the key: the signature does not match.
    const { createHash } = await import('node:crypto');
    const { canonicalDocument } = await import('./index.js');
    changed.seal.digest = createHash('sm3').update(canonicalDocument(changed.document)).digest('hex');
    expect((await s.anonymous.request('POST', `${API}/verify`, changed)).body).toMatchObject({
      valid: false,
      reason: 'signature_mismatch',
    });
    // Re-dating the copy is caught by the signature too.
    const redated = structuredClone(sealed);
    redated.seal.signedAt = '2026-12-10T02:00:30.000Z';
    expect((await s.anonymous.request('POST', `${API}/verify`, redated)).body.reason).toBe(
      'signature_mismatch',
    );
    const unknown = structuredClone(sealed);
    unknown.seal.keyId = '0123456789abcdef';
    expect((await s.anonymous.request('POST', `${API}/verify`, unknown)).body).toMatchObject({
      valid: false,
      reason: 'unknown_key',
    });
    // Each public verification is on the trail, without an actor.
    const verifications = await s.w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_id'])
      .where('action', '=', 'seal.verify')
      .execute();
    expect(verifications.length).toBe(5);
    expect(verifications.every((v) => v.actor_id === null)).toBe(true);
  });

  it('R108 openssl verifies the SM2 seal (SM3, distid 1234567812345678) and refuses a flipped byte', async () => {
    const pem = await s.anonymous.request('GET', `${API}/seals/${keyId}/public-key`);
    expect(pem.status).toBe(200);
    expect(pem.body).toContain('BEGIN PUBLIC KEY');
    expect(opensslVerifies(sealedBefore, pem.body)).toEqual({ intact: true, flipped: false });
  });

  it('R106 the seal image is a red round seal with the name along the arc, escaped for XML', async () => {
    const res = await s.anonymous.request('GET', `${API}/seals/${keyId}/image.svg`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toContain(
      `<textPath href="#seal-arc" startOffset="50%" text-anchor="middle">${POLICE_SEAL}</textPath>`,
    );
    expect(res.body).toMatch(/<circle [^>]*stroke="#d7000f"/);
    expect(res.body).toMatch(/<polygon points="([\d.]+,[\d.]+ ){9}[\d.]+,[\d.]+"/);
    expect((await s.anonymous.request('GET', `${API}/seals/0123456789abcdef/image.svg`)).status).toBe(404);
  });

  it('R106 R108 revocation: what was signed before stays valid and says so; what is dated after is not', async () => {
    // A copy dated after the revocation to come (the clock is set back before revoking, as a
    // leaked key would date its forgeries).
    s.clock.set('2026-12-10T02:10:00.000Z');
    const datedAfter = await s.seal.sealDocument(s.police, licence());
    s.clock.set('2026-12-10T02:02:00.000Z');
    const refused = await s.policeUser.request('POST', `${API}/seals/${keyId}/revoke`, {
      reason: '印章密钥疑似泄露',
    });
    expect(refused.status).toBe(403);
    const revoked = await s.w.sysadmin.request('POST', `${API}/seals/${keyId}/revoke`, {
      reason: '印章密钥疑似泄露',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: '2026-12-10T02:02:00.000Z' });
    const before = await s.anonymous.request('POST', `${API}/verify`, sealedBefore);
    expect(before.body).toMatchObject({
      valid: true,
      reason: 'valid',
      seal: { status: 'revoked', revokedAt: '2026-12-10T02:02:00.000Z', revokeReason: '印章密钥疑似泄露' },
    });
    expect(before.body.message.zh).toContain('已于 2026-12-10T02:02:00.000Z 注销');
    const after = await s.anonymous.request('POST', `${API}/verify`, datedAfter);
    expect(after.body).toMatchObject({
      valid: false,
      reason: 'revoked_before_signing',
      seal: { status: 'revoked' },
    });
    // A revoked seal signs nothing more, and is not revoked twice.
    await expect(s.seal.sealDocument(s.police, licence())).rejects.toMatchObject({
      code: 'SEAL_NO_ACTIVE_SEAL',
    });
    const second = await s.w.sysadmin.request('POST', `${API}/seals/${keyId}/revoke`, { reason: '再次' });
    expect(second.body.error.code).toBe('SEAL_NOT_ACTIVE');
  });

  it('R106 rotation: a new seal under the same name takes over; the old one stays verifiable for what it signed', async () => {
    const issued = await issue(s.w.sysadmin, { sealName: POLICE_SEAL });
    expect(issued.status).toBe(201);
    const first = issued.body.keyId as string;
    s.clock.advance(1000);
    const signedByFirst = await s.seal.sealDocument(s.police, licence());
    s.clock.advance(1000);
    const rotated = await s.w.sysadmin.request('POST', `${API}/seals/${first}/rotate`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ sealName: POLICE_SEAL, status: 'active' });
    expect(rotated.body.keyId).not.toBe(first);
    s.clock.advance(1000);
    const signedBySecond = await s.seal.sealDocument(s.police, licence());
    expect(signedBySecond.seal.keyId).toBe(rotated.body.keyId);
    const old = await s.anonymous.request('POST', `${API}/verify`, signedByFirst);
    expect(old.body).toMatchObject({ valid: true, seal: { status: 'retired' } });
    expect((await s.anonymous.request('POST', `${API}/verify`, signedBySecond)).body.valid).toBe(true);
    const list = await s.w.sysadmin.request('GET', `${API}/seals`);
    expect(list.body.items.map((i: { status: string }) => i.status).sort()).toEqual([
      'active',
      'retired',
      'revoked',
    ]);
    const trail = await s.w.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('action', 'in', ['seal.issue', 'seal.rotate', 'seal.revoke'])
      .orderBy('seq')
      .execute();
    expect(trail.map((t) => t.action)).toEqual(['seal.issue', 'seal.revoke', 'seal.issue', 'seal.rotate']);
  });
});

describe('R106 R108 seals under the international suite (Ed25519, GOVSHARE_CRYPTO=intl)', () => {
  let s: SealWorld;
  beforeAll(async () => {
    s = await startSealWorld('sqlite', 'intl');
  }, 180_000);
  afterAll(async () => s?.w.t.close());

  it('R108 an Ed25519 seal signs, verifies, and openssl pkeyutl -rawin agrees; a flipped byte is refused', async () => {
    const issued = await s.w.sysadmin.request('POST', `${API}/seals`, {
      departmentId: s.police,
      sealName: '广州市公安局电子印章 <&"\'>',
      validTo: '2031-12-31T16:00:00Z',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.algorithm).toBe('ed25519');
    const sealed = await s.seal.sealDocument(s.police, licence());
    expect(sealed.seal.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.anonymous.request('POST', `${API}/verify`, sealed)).body.valid).toBe(true);
    const pem = await s.anonymous.request('GET', `${API}/seals/${issued.body.keyId}/public-key`);
    expect(opensslVerifies(sealed, pem.body)).toEqual({ intact: true, flipped: false });
    const svg = await s.anonymous.request('GET', `${API}/seals/${issued.body.keyId}/image.svg`);
    expect(svg.body).toContain('广州市公安局电子印章 &lt;&amp;&quot;&apos;&gt;');
    expect(svg.body).not.toContain('<&');
  });
});
