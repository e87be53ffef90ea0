import type { Kysely } from 'kysely';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { NoticeInput } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { ownerOf } from './filing.js';
import { CorrectionNotices } from './notices.js';
import type { CorrectionTables } from './schema.js';
import { OPEN_CORRECTION_STATUSES } from './schemas.js';

const tables = (executor: Executor) => executor as unknown as Kysely<CorrectionTables>;

/**
 * Flags each open request whose period has run out, once: the row is claimed by a conditional
 * update (two nodes sweeping at once flag it once), an audit entry is written and the party that
 * owes the answer and the authority over the provider are told. A forward starts a new period,
 * which may be flagged again.
 */
export async function sweepOverdue(deps: QualityDeps, now: Date): Promise<number> {
  const today = chinaDate(now);
  const at = now.toISOString();
  const due = await tables(deps.db)
    .selectFrom('quality_correction')
    .selectAll()
    .where('status', 'in', [...OPEN_CORRECTION_STATUSES])
    .where('due_date', '<', today)
    .where('overdue_at', 'is', null)
    .execute();
  let flagged = 0;
  for (const row of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const claimed = await tables(trx)
        .updateTable('quality_correction')
        .set({ overdue_at: at })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where('overdue_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return false;
      const owner = ownerOf(row);
      const ownerName =
        row.status === 'checking'
          ? { zh: '主管部门', en: 'the authority' }
          : { zh: row.provider_name, en: row.provider_name };
      const text = CorrectionNotices.notice('correction.overdue', {
        number: row.number,
        due: row.due_date,
        entry: row.entry_name,
        owner: ownerName,
        article: row.due_article ?? '—',
      });
      const link = { link: `/cases/verification/${row.id}`, case: { type: 'verification', id: row.id } };
      const notices: NoticeInput[] = [{ to: owner, ...text, ...link }];
      if (!('role' in owner && owner.role === 'authority' && 'jurisdictionPath' in owner))
        notices.push({
          to: { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
          ...text,
          ...link,
        });
      for (const notice of notices) await deps.sharing.notices.send(trx, notice);
      await deps.audit.record(
        trx,
        {},
        {
          action: 'quality.correction.overdue',
          targetType: 'quality_correction',
          targetId: row.id,
          category: 'decision',
          detail: {
            number: row.number,
            status: row.status,
            dueDate: row.due_date,
            article: row.due_article,
            provider: row.provider_department_id,
          },
        },
      );
      return true;
    });
    if (done) flagged++;
  }
  return flagged;
}

/** Requests flagged overdue in `[from, to)` (ISO timestamps), by provider, most first. */
export async function overdueByProvider(
  deps: QualityDeps,
  range: { from: string; to: string },
): Promise<{ providerId: string; providerName: string; overdue: number; stillOpen: number }[]> {
  const rows = await tables(deps.db)
    .selectFrom('quality_correction')
    .select((eb) => [
      'provider_department_id',
      'provider_name',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('status', 'in', [...OPEN_CORRECTION_STATUSES])
            .then(1)
            .else(0)
            .end(),
        )
        .as('open'),
    ])
    .where('overdue_at', '>=', range.from)
    .where('overdue_at', '<', range.to)
    .groupBy(['provider_department_id', 'provider_name'])
    .execute();
  return rows
    .map((r) => ({
      providerId: r.provider_department_id,
      providerName: r.provider_name,
      overdue: Number(r.n),
      stillOpen: Number(r.open),
    }))
    .sort((a, b) => b.overdue - a.overdue || a.providerId.localeCompare(b.providerId));
}
