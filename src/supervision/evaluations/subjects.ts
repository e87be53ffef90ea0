import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { tablesOf } from '../../platform/db/index.js';
import type { SupervisionDeps } from '../deps.js';
import { INDICATORS, type IndicatorName } from '../indicators/definitions.js';
import type { SupervisionTables } from '../indicators/schema.js';
import type { DayFigure, Subject } from './scoring.js';

/** Read-only, everywhere: how evaluations list the departments they cover (never leaves the module). */
const READER: Actor = {
  kind: 'user',
  id: 'system:supervision',
  name: 'supervision',
  departmentId: '',
  jurisdictionPath: '/',
  roles: ['auditor'],
};
const READER_CTX: RequestContext = { actor: READER };

export interface CoveredDepartment extends Subject {
  jurisdictionId: string;
  jurisdictionPath: string;
}

/** The active departments of a jurisdiction's subtree (every one when `path` is `/`). */
export async function departmentsUnder(deps: SupervisionDeps, path: string): Promise<CoveredDepartment[]> {
  const jurisdictions = await deps.jurisdictions.list(READER_CTX);
  const byId = new Map(jurisdictions.map((j) => [j.id, j]));
  const out: CoveredDepartment[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await deps.departments.list(READER_CTX, { limit: 500, offset });
    for (const d of page.items) {
      const j = byId.get(d.jurisdictionId);
      if (!j || d.status !== 'active' || !j.path.startsWith(path)) continue;
      out.push({
        id: d.id,
        name: d.name,
        jurisdictionName: j.name,
        jurisdictionId: j.id,
        jurisdictionPath: j.path,
      });
    }
    if (page.items.length < 500) break;
  }
  return out;
}

/** The jurisdiction whose path is `path` (the authority's own). */
export async function jurisdictionAt(deps: SupervisionDeps, path: string) {
  const all = await deps.jurisdictions.list(READER_CTX);
  return all.find((j) => j.path === path);
}

/**
 * The stored daily figures of the departments under `path` over a period, summed per department
 * and indicator in the database: one figure each, from which `periodValue` gives the period's value
 * (Σ numerators and Σ denominators of a share, Σ of a count, the mean of a score).
 */
export async function periodFigures(
  db: SupervisionDeps['db'],
  range: { path: string; from: string; to: string; departmentId?: string },
  indicators: readonly IndicatorName[],
): Promise<DayFigure[]> {
  if (indicators.length === 0) return [];
  let query = tablesOf<SupervisionTables>(db)
    .selectFrom('supervision_indicator_day')
    .select((eb) => [
      'department_id',
      'indicator',
      eb.fn.sum<number | string | null>('value').as('vsum'),
      eb.fn.count<number | string>('value').as('vcount'),
      eb.fn.sum<number | string | null>('numerator').as('nsum'),
      eb.fn.sum<number | string | null>('denominator').as('dsum'),
      eb.fn.count<number | string>('denominator').as('dcount'),
    ])
    .where('subject_kind', '=', 'department')
    // Jurisdiction paths are codes the platform assigns, never typed by a user.
    .where('jurisdiction_path', 'like', `${range.path}%`)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .where('indicator', 'in', [...indicators]);
  if (range.departmentId) query = query.where('department_id', '=', range.departmentId);
  const rows = await query.groupBy(['department_id', 'indicator']).orderBy(sql`1`).execute();
  return rows.map((r) => {
    const vcount = Number(r.vcount);
    const dcount = Number(r.dcount);
    const unit = INDICATORS[r.indicator as IndicatorName]?.unit;
    const vsum = Number(r.vsum ?? 0);
    return {
      departmentId: r.department_id ?? '',
      indicator: r.indicator,
      value: vcount === 0 ? null : unit === 'score' ? vsum / vcount : vsum,
      numerator: dcount === 0 ? null : Number(r.nsum ?? 0),
      denominator: dcount === 0 ? null : Number(r.dsum ?? 0),
    };
  });
}
