import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import type { QualityDeps } from '../deps.js';
import { FreshnessNotices } from './notice-texts.js';
import { type FreshnessRule, judge, ruleFor } from './rules.js';
import type { EvidenceSource, FreshnessStatus, FreshnessTables, QualityFreshnessTable } from './schema.js';

/** The portal page where a provider reads its resources' freshness. */
export const FRESHNESS_PAGE = '/quality/freshness';

/** What one run of the monitor did. */
export interface MonitorRun {
  checked: number;
  transitions: number;
  lateNotices: number;
  removed: number;
}

type Evidence = Awaited<ReturnType<QualityDeps['exchange']['hosting']['supplyEvidence']>>[number];

/**
 * The freshness monitor (R16, R68–R70): for every published entry the platform hosts or serves,
 * the declared update cycle and the profile's rule against when the data was last seen current
 * (change log, caught-up node heartbeat, successful service call). Each status change is a row
 * of history and an audit entry, in one transaction with the new status; going late tells the
 * provider's resource administrators once per transition.
 */
export class FreshnessMonitor {
  constructor(private readonly deps: QualityDeps) {}

  get #db(): Kysely<FreshnessTables> {
    return this.deps.db as unknown as Kysely<FreshnessTables>;
  }

  async run(): Promise<MonitorRun> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const evidence = new Map((await this.deps.exchange.hosting.supplyEvidence()).map((e) => [e.entryId, e]));
    const published = await this.deps.catalog.listPublished();
    const previous = new Map(
      (await this.#db.selectFrom('quality_freshness').selectAll().execute()).map((r) => [r.entry_id, r]),
    );
    const names = new Map<string, string>();
    const result: MonitorRun = { checked: 0, transitions: 0, lateNotices: 0, removed: 0 };
    const seen = new Set<string>();
    for (const entry of published) {
      const supply = evidence.get(entry.id);
      if (!supply) continue;
      seen.add(entry.id);
      result.checked += 1;
      const rule = ruleFor(this.deps.profile, entry.content);
      const { last, source } = lastCurrent(supply);
      const judged = judge(rule, new Date(last ?? supply.since), now);
      let department = names.get(entry.provider.id);
      if (department === undefined) {
        department =
          (await this.deps.departments(this.deps.db, entry.provider.id))?.name ?? entry.provider.id;
        names.set(entry.provider.id, department);
      }
      const row: QualityFreshnessTable = {
        entry_id: entry.id,
        entry_code: entry.code,
        entry_name: entry.content.name,
        provider_department_id: entry.provider.id,
        provider_department_name: department,
        provider_jurisdiction_path: supply.providerJurisdictionPath || entry.jurisdictionPath,
        update_cycle: entry.content.updateCycle,
        rule: JSON.stringify(rule),
        last_change_at: last,
        last_change_source: source,
        due_by: judged.dueBy,
        status: judged.status,
        status_since: at,
        checked_at: at,
      };
      const before = previous.get(entry.id);
      const changed = before?.status !== row.status;
      if (!changed && before) row.status_since = before.status_since;
      await this.#db.transaction().execute(async (trx) => {
        // Conditional on the status this run read: when two runs overlap (a manual refresh and
        // the job), only the first writes the transition, its audit entry and its notice.
        const written = before
          ? await trx
              .updateTable('quality_freshness')
              .set(row)
              .where('entry_id', '=', entry.id)
              .where('status', '=', before.status)
              .executeTakeFirst()
              .then((r) => Number(r.numUpdatedRows))
          : await trx
              .insertInto('quality_freshness')
              .values(row)
              .onConflict((oc) => oc.column('entry_id').doNothing())
              .executeTakeFirst()
              .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0));
        if (!changed || written === 0) return;
        result.transitions += 1;
        const reason = reasonOf(before, row);
        await trx
          .insertInto('quality_freshness_transition')
          .values({
            id: newId(now),
            entry_id: entry.id,
            provider_department_id: row.provider_department_id,
            from_status: before?.status ?? null,
            to_status: row.status,
            at,
            reason,
            last_change_at: row.last_change_at,
            due_by: row.due_by,
            rule_article: rule.article,
          })
          .execute();
        const system: AuditContext = {};
        await this.deps.audit.record(trx, system, {
          action: `quality.freshness.${row.status}`,
          targetType: 'catalog_entry',
          targetId: entry.id,
          detail: {
            code: entry.code,
            from: before?.status ?? null,
            to: row.status,
            reason,
            lastChangeAt: row.last_change_at,
            lastChangeSource: source,
            dueBy: row.due_by,
            rule: { kind: rule.kind, article: rule.article },
          },
        });
        if (row.status !== 'late') return;
        // R68: the provider's resource administrators hear of it once, when it goes late.
        result.lateNotices += 1;
        await this.deps.sharing.notices.send(trx, {
          to: { departmentId: row.provider_department_id, role: 'resource_admin' },
          ...FreshnessNotices.notice('quality.freshness.late', {
            name: row.entry_name,
            code: row.entry_code,
            dueBy: row.due_by ?? '—',
            article: articleOf(rule),
            last: row.last_change_at ?? '—',
          }),
          link: `${FRESHNESS_PAGE}?entry=${entry.id}`,
        });
      });
    }
    // A withdrawn, unhosted or stopped resource leaves the monitor; its history stays.
    const gone = [...previous.keys()].filter((id) => !seen.has(id));
    if (gone.length > 0) {
      await this.#db.deleteFrom('quality_freshness').where('entry_id', 'in', gone).execute();
      result.removed = gone.length;
    }
    return result;
  }
}

/** The newest evidence that the data was current, and where it came from. */
function lastCurrent(e: Evidence): { last: string | null; source: EvidenceSource } {
  const candidates: [string | null, EvidenceSource][] = [
    [e.lastChangedAt, 'change_log'],
    [e.nodeCurrentAt, 'node'],
    [e.serviceOkAt, 'service'],
  ];
  let best: { last: string | null; source: EvidenceSource } = { last: null, source: 'none' };
  for (const [at, source] of candidates)
    if (at !== null && (best.last === null || at > best.last)) best = { last: at, source };
  return best;
}

function reasonOf(before: QualityFreshnessTable | undefined, after: QualityFreshnessTable): string {
  if (!before) return 'first_check';
  if (before.rule !== after.rule) return 'rule_changed';
  if ((after.last_change_at ?? '') > (before.last_change_at ?? '')) return 'updated';
  const order: Record<FreshnessStatus, number> = { fresh: 0, due: 1, late: 2, unknown: -1 };
  if (order[after.status] > order[before.status])
    return after.status === 'late' ? 'deadline_passed' : 'deadline_near';
  // Without a new update a better status means a new period began (the quarterly window).
  return 'new_period';
}

/** "Art.17（guangzhou）": the article a notice cites, with the profile it comes from. */
export function articleOf(rule: FreshnessRule): string {
  return rule.article ?? rule.text;
}
