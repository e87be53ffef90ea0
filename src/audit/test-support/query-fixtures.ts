import type { Platform } from '../../app/index.js';
import type { Role } from '../../org/roles.js';
import {
  createDepartment,
  type OrgClient,
  type OrgWorld,
  signedInUser,
  startOrgWorld,
  USCCS,
} from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import type { DialectName } from '../../platform/db/index.js';
import type { AccessDetail, AuditContext } from '../index.js';

/** Two people whose records the fixture's departments read (valid GB 11643 numbers). */
export const PERSON = { zhang: '11010519491231002X', li: '440524188001010014', nobody: '110101199003074477' };
/** Valid in shape but with a wrong check character. */
export const BAD_ID_NUMBER = '110105194912310021';

const HOUR = 3_600_000;

export type Position = 'own' | 'sibling' | 'outside';

/**
 * A platform with three departments — `own` and `sibling` in the county, `outside` in another
 * city — whose systems read each other's resources over the last week, every access written
 * through the real audit trail. Accounts of every role sit in `own`; `cityAuthority` in the city.
 */
export interface AuditWorld {
  w: OrgWorld;
  platform: Platform;
  clock: ManualClock;
  dept: Record<Position, string>;
  /** Resources each department provides (what the catalog would answer). */
  resources: Record<Position, string>;
  actors: Map<Role | 'cityAuthority' | 'siblingAdmin', OrgClient>;
  close(): Promise<void>;
}

async function access(
  platform: Platform,
  actor: AuditContext['actor'],
  detail: AccessDetail,
  requestId: string,
): Promise<void> {
  await platform.services.audit.append(
    { actor, requestId, clientIp: '10.1.2.3' },
    {
      action: `exchange.${detail.method}`,
      targetType: 'resource',
      targetId: detail.resourceId,
      access: detail,
    },
  );
}

export async function startAuditWorld(dialect: DialectName): Promise<AuditWorld> {
  const realNow = Date.now();
  const clock = new ManualClock(new Date(realNow - 7 * 24 * HOUR + HOUR));
  const w = await startOrgWorld(dialect, { clock });
  const { platform } = w;
  const dept = {
    own: await createDepartment(platform, '示范县民政局', USCCS[7], w.county.id),
    sibling: await createDepartment(platform, '示范县公安局', USCCS[8], w.county.id),
    outside: await createDepartment(platform, '邻市人社局', USCCS[9], w.otherCity.id),
  };
  const resources = { own: 'res-own-dibao', sibling: 'res-sibling-huji', outside: 'res-outside-shebao' };
  const systemOf = (pos: Position, name: string): AuditContext['actor'] => ({
    kind: 'client',
    id: `client-${pos}`,
    name,
    departmentId: dept[pos],
  });
  const ownSystem = systemOf('own', '低保审核系统');
  const outsideSystem = systemOf('outside', '社保经办系统');
  const siblingSystem = systemOf('sibling', '户政系统');

  // Six days ago: the own department checks Zhang's household record for a subsistence case.
  await access(
    platform,
    ownSystem,
    {
      resourceId: resources.sibling,
      items: ['姓名', '户籍地址'],
      method: 'query',
      purpose: '最低生活保障审核',
      caseNumber: 'DB-2026-001',
      grantId: 'grant-1',
      resultCount: 1,
      recordKeys: [{ kind: 'resident_id', value: PERSON.zhang }],
    },
    'req-own-1',
  );
  clock.advance(24 * HOUR);
  // The other city's social security system reads Zhang and Li through the interface.
  await access(
    platform,
    outsideSystem,
    {
      resourceId: resources.sibling,
      method: 'interface',
      purpose: '社保待遇资格认证',
      caseNumber: 'SB-88',
      resultCount: 2,
      recordKeys: [
        { kind: 'resident_id', value: PERSON.zhang },
        { kind: 'resident_id', value: PERSON.li },
      ],
    },
    'req-outside-1',
  );
  // The sibling downloads the own department's subsistence list, once refused.
  await access(
    platform,
    siblingSystem,
    { resourceId: resources.own, method: 'download', purpose: '户籍比对', resultCount: 120 },
    'req-sibling-1',
  );
  await access(
    platform,
    siblingSystem,
    { resourceId: resources.own, method: 'download', purpose: '户籍比对', status: 403 },
    'req-sibling-2',
  );
  // Within the last day, the own department reads Li's social security record.
  clock.set(new Date(realNow - 2 * HOUR));
  await access(
    platform,
    ownSystem,
    {
      resourceId: resources.outside,
      method: 'query',
      purpose: '最低生活保障审核',
      caseNumber: 'DB-2026-002',
      resultCount: 1,
      recordKeys: [{ kind: 'resident_id', value: PERSON.li }],
    },
    'req-own-2',
  );
  await platform.services.audit.flush();

  clock.set(new Date(realNow));
  const actors: AuditWorld['actors'] = new Map();
  for (const role of [
    'operator',
    'security_admin',
    'auditor',
    'authority',
    'resource_admin',
    'dept_user',
  ] as const) {
    actors.set(role, await signedInUser(platform, `v_${role}`, dept.own, [role]));
  }
  actors.set(
    'cityAuthority',
    await signedInUser(platform, 'v_city_authority', w.cityDepartmentId, ['authority']),
  );
  actors.set(
    'siblingAdmin',
    await signedInUser(platform, 'v_sibling_admin', dept.sibling, ['resource_admin']),
  );
  return { w, platform, clock, dept, resources, actors, close: () => w.t.close() };
}
