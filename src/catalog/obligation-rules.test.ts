import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { tablesOf } from '../platform/db/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { OBLIGATION_CASE, ObligationService } from './obligations.js';
import type { CatalogTables } from './schema.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

/**
 * Issue 13 and N06 (809 第十七条第二款): a catalog update obligation keeps the rules in force when
 * it was recorded. The platform runs under profile A (national: extendable once by 5 working
 * days); "switching" builds the obligation service again on the same database under profile B
 * (3 working days), as a restart after `govshare profile set` does.
 */
describe.each(DIALECTS)(
  'N06 a catalog update obligation keeps the rules it was recorded under (issue 13) on %s',
  (dialect) => {
    let w: CatalogWorld;
    let underB: ObligationService;
    // Monday 2026-11-16, 10:00 in China: no holiday within the weeks the test walks.
    const clock = new ManualClock('2026-11-16T02:00:00Z');
    const actor = (name: string, departmentId: string, role: 'resource_admin' | 'authority') => ({
      actor: {
        kind: 'user' as const,
        id: name,
        name,
        departmentId,
        jurisdictionPath: w.city.path,
        roles: [role],
      },
    });

    beforeAll(async () => {
      w = await startCatalogWorld(dialect, { clock, config: { profile: 'national' } });
      const profileB: Profile = structuredClone(w.platform.profile);
      const extension = profileB.deadlines.catalogUpdateExtension;
      if (!extension) throw new Error('the national profile sets catalogUpdateExtension');
      profileB.deadlines.catalogUpdateExtension = {
        ...extension,
        value: 3,
        text: `${extension.text}（本地配置：3个工作日）`,
      };
      underB = new ObligationService({
        db: tablesOf<CatalogTables>(w.platform.storage.db),
        audit: w.platform.services.audit,
        clock,
        calendar: w.platform.services.calendar,
        deadlines: w.platform.services.deadlines,
        departments: (executor, id) => w.platform.services.departments.lookup(id, executor),
        profile: profileB,
      });
    }, 120_000);
    afterAll(async () => w?.close());

    it('N06 an obligation recorded under A is extended by A’s 5 working days after the switch; one recorded after it, by B’s 3', async () => {
      const recorded = await w.authority.request('POST', `${API}/obligations`, {
        departmentId: w.departments.hrss,
        cause: 'law_change',
        description: '《社会保险法》修订（规则随件）',
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      const id = recorded.body.id as string;
      expect(recorded.body).toMatchObject({
        dueDate: '2026-11-30',
        overdueFlaggedAt: null,
        escalation: null,
      });
      const rules = await w.platform.storage.db
        .selectFrom('case_rules')
        .select('case_type')
        .where('case_id', '=', id)
        .execute();
      expect(rules).toEqual([{ case_type: OBLIGATION_CASE }]);

      // After the switch, under B: the request and the decision run by A's extension.
      const hrss = actor('hrss.admin', w.departments.hrss, 'resource_admin');
      const authority = actor('city.authority', w.cityDepartmentId, 'authority');
      const asked = await underB.requestExtension(hrss, id, { reason: '涉及多个业务系统改造' });
      expect(asked.extension).toMatchObject({ status: 'requested', days: 5 });
      const granted = await underB.decideExtension(authority, id, { consent: true });
      // 2026-11-30 + 5 working days.
      expect(granted).toMatchObject({ dueDate: '2026-12-07', originalDueDate: '2026-11-30' });
      expect(granted.extension).toMatchObject({ status: 'granted', days: 5 });
      expect(granted.article).not.toContain('本地配置');

      // One recorded after the switch runs under B: 3 working days, read back by the platform (A).
      const later = await underB.record(authority, {
        departmentId: w.departments.police,
        cause: 'duty_change',
        description: '户籍管理职能调整（规则随件）',
      });
      expect(later.dueDate).toBe('2026-11-30');
      await underB.requestExtension(actor('police.admin', w.departments.police, 'resource_admin'), later.id, {
        reason: '系统改造',
      });
      const decided = await w.authority.request('POST', `${API}/obligations/${later.id}/extension/decision`, {
        consent: true,
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body).toMatchObject({
        dueDate: '2026-12-03',
        extension: { status: 'granted', days: 3 },
      });
      expect(decided.body.article).toContain('本地配置：3个工作日');
    });
  },
);
