import type { Actor, RequestContext } from '../../platform/context/index.js';
import type { SupervisionDeps } from '../deps.js';
import { openViolationCounts } from '../violations/service.js';
import { count, type Figure, INDICATOR_NAMES, INDICATORS, type IndicatorName, share } from './definitions.js';
import type { SupervisionIndicatorDayTable } from './schema.js';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The platform's own reading of the other modules for the daily job: read-only, everywhere. It is
 * an auditor's reach (read all, change nothing); it never leaves this module.
 */
const READER: Actor = {
  kind: 'user',
  id: 'system:supervision',
  name: 'supervision',
  departmentId: '',
  jurisdictionPath: '/',
  roles: ['auditor'],
};
const READER_CTX: RequestContext = { actor: READER };

/** A China day's bounds as ISO instants: `[from, to)`. */
export function dayRange(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00+08:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** The China date of an instant, `days` later. */
export function chinaDay(at: Date, days = 0): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

type Row = Omit<SupervisionIndicatorDayTable, 'computed_at'>;
type Figures = Record<IndicatorName, Figure>;

interface Subject {
  id: string;
  name: string;
  jurisdictionId: string;
  jurisdictionPath: string;
}

/**
 * Every indicator of one day for every department and every jurisdiction (the sum over its
 * subtree), from the modules' own read methods. Freshness is a state, not a history: it is read
 * now and recorded for the day only when the day is today or yesterday; for an older day the value
 * stored then is kept (`keptFreshness`), or null.
 */
export async function gatherDay(
  deps: SupervisionDeps,
  day: string,
  keptFreshness: Map<string, Figure>,
): Promise<Row[]> {
  const range = dayRange(day);
  const jurisdictions = await deps.jurisdictions.list(READER_CTX);
  const pathOf = new Map(jurisdictions.map((j) => [j.id, j.path]));
  const departments: Subject[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await deps.departments.list(READER_CTX, { limit: 500, offset });
    for (const d of page.items)
      departments.push({
        id: d.id,
        name: d.name,
        jurisdictionId: d.jurisdictionId,
        jurisdictionPath: pathOf.get(d.jurisdictionId) ?? '/',
      });
    if (page.items.length < 500) break;
  }
  const [catalog, sharing, usage] = await Promise.all([
    deps.readers.catalog({ day, dayEnd: range.to }),
    deps.readers.sharing(range),
    deps.readers.usage(range),
  ]);
  const quality = deps.quality();
  const scores = await quality.scores.departments(READER);
  const scoreOf = new Map(
    scores.map((s) => [s.department.id, s.history.find((h) => h.day === day)?.score ?? null]),
  );
  const overdueVerifications = await quality.corrections.overdueByProvider(range);
  const verificationOf = new Map(overdueVerifications.map((v) => [v.providerId, v.overdue]));
  // Violation cases open at the day's end (R114): opened before it, not closed or dismissed by then.
  const openViolations = await openViolationCounts(deps.db, range.to);
  const freshnessNow = day >= chinaDay(deps.clock.now(), -1);
  const catalogOf = new Map(catalog.map((c) => [c.departmentId, c]));
  const sharingOf = new Map(sharing.map((s) => [s.departmentId, s]));
  const usageOf = new Map(usage.map((u) => [u.departmentId, u]));

  const perDepartment = new Map<string, Figures>();
  for (const d of departments) {
    const c = catalogOf.get(d.id);
    const s = sharingOf.get(d.id);
    const u = usageOf.get(d.id);
    const replied = (s?.replied.unconditional ?? 0) + (s?.replied.conditional ?? 0);
    const onTime = (s?.repliedOnTime.unconditional ?? 0) + (s?.repliedOnTime.conditional ?? 0);
    let freshness = keptFreshness.get(d.id) ?? { value: null, numerator: null, denominator: null };
    if (freshnessNow) {
      const { counts } = await quality.freshness.list(READER, { departmentId: d.id, page: 1, pageSize: 1 });
      // `due` is nearing its date but not late; `unknown` has no rule to judge it by.
      freshness = share(counts.fresh + counts.due, counts.fresh + counts.due + counts.late);
    }
    perDepartment.set(d.id, {
      catalog_coverage: share(c?.published ?? 0, c?.entries ?? 0),
      catalog_update_timeliness: share(c?.obligationsOnTime ?? 0, c?.obligationsDue ?? 0),
      catalog_obligations_overdue: count(c?.obligationsOverdue ?? 0),
      reply_timeliness: share(onTime, replied),
      reply_timeliness_unconditional: share(
        s?.repliedOnTime.unconditional ?? 0,
        s?.replied.unconditional ?? 0,
      ),
      reply_timeliness_conditional: share(s?.repliedOnTime.conditional ?? 0, s?.replied.conditional ?? 0),
      supply_timeliness: share(s?.suppliedOnTime ?? 0, s?.supplied ?? 0),
      freshness,
      quality_score: count(scoreOf.get(d.id) ?? null),
      // Quality reports the requests flagged overdue, not those answered: no share to compute yet.
      verification_on_time: count(null),
      verification_overdue: count(verificationOf.get(d.id) ?? 0),
      usage_queries: count(u?.queries ?? 0),
      usage_rows_read: count(u?.rowsRead ?? 0),
      usage_downloads: count(u?.downloads ?? 0),
      usage_subscriptions: count(u?.subscriptions ?? 0),
      usage_service_calls: count(u?.serviceCalls ?? 0),
      refusals: count(s?.refused ?? 0),
      reply_overdue: count(s?.overdue ?? 0),
      supply_overdue: count(s?.supplyOverdue ?? 0),
      open_violations: count(openViolations.get(d.id) ?? 0),
    });
  }

  const rows: Row[] = [];
  for (const d of departments) {
    const figures = perDepartment.get(d.id) as Figures;
    for (const name of INDICATOR_NAMES)
      rows.push(row(day, 'department', d, d.id, d.jurisdictionId, name, figures[name]));
  }
  for (const j of jurisdictions) {
    const within = departments.filter((d) => d.jurisdictionPath.startsWith(j.path));
    const subject = { id: j.id, name: j.name, jurisdictionId: j.id, jurisdictionPath: j.path };
    for (const name of INDICATOR_NAMES) {
      const figures = within.map((d) => (perDepartment.get(d.id) as Figures)[name]);
      rows.push(row(day, 'jurisdiction', subject, null, j.id, name, combine(name, figures)));
    }
  }
  return rows;
}

/**
 * A jurisdiction's figure from its departments': shares sum their terms, counts add up, scores
 * are the plain mean of the departments that have one (each department counts once).
 */
function combine(name: IndicatorName, figures: Figure[]): Figure {
  const unit = INDICATORS[name].unit;
  if (unit === 'share') {
    const measured = figures.filter((f) => f.denominator !== null);
    if (measured.length === 0) return count(null);
    const n = measured.reduce((a, f) => a + (f.numerator ?? 0), 0);
    const d = measured.reduce((a, f) => a + (f.denominator ?? 0), 0);
    return share(n, d);
  }
  const values = figures.map((f) => f.value).filter((v): v is number => v !== null);
  if (values.length === 0) return count(null);
  const sum = values.reduce((a, v) => a + v, 0);
  return count(unit === 'score' ? Math.round((sum / values.length) * 10) / 10 : sum);
}

function row(
  day: string,
  kind: Row['subject_kind'],
  subject: Subject,
  departmentId: string | null,
  jurisdictionId: string,
  indicator: IndicatorName,
  figure: Figure,
): Row {
  return {
    day,
    subject_kind: kind,
    subject_id: subject.id,
    subject_name: subject.name,
    department_id: departmentId,
    jurisdiction_id: jurisdictionId,
    jurisdiction_path: subject.jurisdictionPath,
    indicator,
    value: figure.value,
    numerator: figure.numerator,
    denominator: figure.denominator,
  };
}
