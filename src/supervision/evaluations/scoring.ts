import { INDICATORS, type IndicatorName } from '../indicators/definitions.js';
import type { SchemeIndicator } from './scheme.js';

/** One stored daily figure, as the evaluation reads it. */
export interface DayFigure {
  departmentId: string;
  indicator: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** An indicator's figure over a period and its 0–100 score; both null where nothing was measured (无数据). */
export interface IndicatorScore {
  indicator: IndicatorName;
  weight: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number | null;
}

export interface EvaluationLine {
  departmentId: string;
  departmentName: string;
  jurisdictionName: string;
  /** 1 is best; ties share a rank (1, 2, 2, 4); null where no indicator had data. */
  rank: number | null;
  total: number | null;
  indicators: IndicatorScore[];
  /** Drafted from the data; the authority edits `suggestion`, `drafted` keeps the draft. */
  suggestion: string;
  drafted: string;
}

export interface IndicatorAverage {
  indicator: IndicatorName;
  /** Pooled for a share (Σ numerators / Σ denominators of all departments), the mean otherwise. */
  value: number | null;
  /** The mean score of the departments with data. */
  score: number | null;
}

/** Counts where fewer is better: refusals, overdue items, open violations. */
export const LOWER_IS_BETTER: ReadonlySet<IndicatorName> = new Set<IndicatorName>([
  'catalog_obligations_overdue',
  'refusals',
  'reply_overdue',
  'supply_overdue',
  'open_violations',
  'verification_overdue',
]);

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * An indicator's value over a period from its daily figures:
 * - a share: Σ numerators / Σ denominators over the days (never the mean of daily shares); null
 *   where the denominators sum to 0;
 * - a count: the sum over the days (for a standing count such as overdue items, department-days);
 * - a score: the mean of the days that have one.
 * A period with no figure at all is null.
 */
export function periodValue(
  indicator: IndicatorName,
  days: readonly DayFigure[],
): Pick<IndicatorScore, 'value' | 'numerator' | 'denominator'> {
  const unit = INDICATORS[indicator].unit;
  if (unit === 'share') {
    let n = 0;
    let d = 0;
    let any = false;
    for (const f of days)
      if (f.denominator !== null && f.numerator !== null) {
        any = true;
        n += f.numerator;
        d += f.denominator;
      }
    if (!any) return { value: null, numerator: null, denominator: null };
    return { value: d > 0 ? n / d : null, numerator: n, denominator: d };
  }
  const values = days.map((f) => f.value).filter((v): v is number => v !== null);
  if (values.length === 0) return { value: null, numerator: null, denominator: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return { value: unit === 'count' ? sum : sum / values.length, numerator: null, denominator: null };
}

/**
 * Scores 0–100:
 * - a share: its percentage (value × 100);
 * - a score: itself (clamped to 0–100);
 * - a count where more is better (usage): 100 × value / the largest value among the departments
 *   (0 when every department has 0);
 * - a count where fewer is better: 100 × (1 − value / the largest value) (100 when none has any).
 */
export function normalise(indicator: IndicatorName, value: number | null, max: number): number | null {
  if (value === null) return null;
  const unit = INDICATORS[indicator].unit;
  if (unit === 'share') return round2(value * 100);
  if (unit === 'score') return round2(Math.min(100, Math.max(0, value)));
  if (LOWER_IS_BETTER.has(indicator)) return max > 0 ? round2(100 * (1 - value / max)) : 100;
  return max > 0 ? round2((100 * value) / max) : 0;
}

/**
 * The weighted total: Σ weight × score / Σ weight over the indicators that have data, so that a
 * missing indicator's weight is shared by the others in proportion; null where none has data.
 */
export function weightedTotal(scores: readonly Pick<IndicatorScore, 'weight' | 'score'>[]): number | null {
  let w = 0;
  let s = 0;
  for (const x of scores)
    if (x.score !== null) {
      w += x.weight;
      s += x.weight * x.score;
    }
  return w > 0 ? round2(s / w) : null;
}

/** Competition ranking by total, best first: equal totals share a rank; no total, no rank (last). */
export function rank<T extends { total: number | null; departmentName: string; rank: number | null }>(
  lines: T[],
): T[] {
  const sorted = [...lines].sort(
    (a, b) =>
      (b.total ?? Number.NEGATIVE_INFINITY) - (a.total ?? Number.NEGATIVE_INFINITY) ||
      a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  );
  sorted.forEach((line, i) => {
    const prev = sorted[i - 1];
    line.rank = line.total === null ? null : prev && prev.total === line.total ? prev.rank : i + 1;
  });
  return sorted;
}

export interface Subject {
  id: string;
  name: string;
  jurisdictionName: string;
}

/**
 * Scores every department of an evaluation from its stored daily figures, ranks them, and drafts
 * suggestions. Pure: the same figures always give the same evaluation.
 */
export function scoreDepartments(
  subjects: readonly Subject[],
  scheme: readonly SchemeIndicator[],
  figures: readonly DayFigure[],
): { lines: EvaluationLine[]; averages: IndicatorAverage[] } {
  const byDepartment = new Map<string, Map<string, DayFigure[]>>();
  for (const f of figures) {
    let m = byDepartment.get(f.departmentId);
    if (!m) {
      m = new Map();
      byDepartment.set(f.departmentId, m);
    }
    const list = m.get(f.indicator);
    if (list) list.push(f);
    else m.set(f.indicator, [f]);
  }
  const values = subjects.map((s) =>
    scheme.map((i) => ({
      ...i,
      ...periodValue(i.indicator, byDepartment.get(s.id)?.get(i.indicator) ?? []),
    })),
  );
  const max = scheme.map((_, k) => Math.max(0, ...values.map((v) => v[k]?.value ?? 0)));
  const lines: EvaluationLine[] = subjects.map((s, j) => {
    const indicators = (values[j] ?? []).map((v, k) => ({
      ...v,
      score: normalise(v.indicator, v.value, max[k] ?? 0),
    }));
    return {
      departmentId: s.id,
      departmentName: s.name,
      jurisdictionName: s.jurisdictionName,
      rank: null,
      total: weightedTotal(indicators),
      indicators,
      suggestion: '',
      drafted: '',
    };
  });
  const averages: IndicatorAverage[] = scheme.map((i, k) => {
    const withData = lines.map((l) => l.indicators[k]).filter((x): x is IndicatorScore => x?.value != null);
    const scores = withData.map((x) => x.score as number);
    let value: number | null = null;
    if (INDICATORS[i.indicator].unit === 'share') {
      const n = withData.reduce((a, x) => a + (x.numerator ?? 0), 0);
      const d = withData.reduce((a, x) => a + (x.denominator ?? 0), 0);
      value = d > 0 ? n / d : null;
    } else if (withData.length > 0)
      value = withData.reduce((a, x) => a + (x.value as number), 0) / withData.length;
    return {
      indicator: i.indicator,
      value,
      score: scores.length > 0 ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    };
  });
  for (const line of lines) line.suggestion = line.drafted = draftSuggestion(line, averages);
  return { lines: rank(lines), averages };
}

/** What to do about a weak indicator, in the authority's words. */
const ADVICE: Record<IndicatorName, string> = {
  catalog_coverage: '加快目录编制、审核和发布',
  catalog_update_timeliness: '在规定期限内完成目录更新',
  catalog_obligations_overdue: '尽快完成逾期的目录更新任务',
  reply_timeliness: '在法定期限内答复共享申请',
  reply_timeliness_unconditional: '在法定期限内答复无条件共享申请',
  reply_timeliness_conditional: '在法定期限内答复有条件共享申请',
  supply_timeliness: '同意共享后按期提供数据',
  freshness: '按目录规定的更新周期及时更新数据',
  quality_score: '开展数据质量核查，提高数据的准确性和完整性',
  verification_on_time: '按时办结校核纠错申请',
  verification_overdue: '尽快办结逾期的校核纠错申请',
  usage_queries: '加强共享数据在业务办理中的应用',
  usage_rows_read: '加强共享数据在业务办理中的应用',
  usage_downloads: '加强共享数据在业务办理中的应用',
  usage_subscriptions: '加强共享数据在业务办理中的应用',
  usage_service_calls: '加强共享接口在业务系统中的应用',
  refusals: '严格依据共享属性和法定理由作出不予共享的答复',
  reply_overdue: '及时答复逾期的共享申请',
  supply_overdue: '尽快提供逾期未提供的数据',
  open_violations: '按期完成违规事项整改',
};

/** The indicator's name without its parenthesised gloss: 「目录发布率」. */
export const shortLabel = (indicator: IndicatorName) =>
  INDICATORS[indicator].label.zh.replace(/（[^）]*）/g, '');

function shown(indicator: IndicatorName, value: number): string {
  const unit = INDICATORS[indicator].unit;
  if (unit === 'share') return `${Math.round(value * 100)}%`;
  if (unit === 'score') return `${Math.round(value * 10) / 10} 分`;
  return String(Math.round(value * 10) / 10);
}

/** A score this far under the jurisdiction's mean, or under 60, makes an indicator weak. */
export const WEAK_MARGIN = 10;
export const WEAK_FLOOR = 60;

/**
 * Templated Chinese sentences, one per weak indicator (「答复及时率 62%，低于辖区平均 85%，建议…」),
 * which the authority edits before review.
 */
export function draftSuggestion(line: EvaluationLine, averages: readonly IndicatorAverage[]): string {
  if (line.indicators.every((i) => i.score === null))
    return '本期无可计量的指标数据，建议核实本部门数据报送情况。';
  const sentences: string[] = [];
  line.indicators.forEach((i, k) => {
    const avg = averages[k];
    if (i.score === null || i.value === null || !avg || avg.score === null) return;
    const belowMean = i.score < avg.score - WEAK_MARGIN;
    if (!belowMean && i.score >= WEAK_FLOOR) return;
    const label = shortLabel(i.indicator);
    const worse = LOWER_IS_BETTER.has(i.indicator) ? '高于' : '低于';
    const compared =
      belowMean && avg.value !== null
        ? `${worse}辖区平均 ${shown(i.indicator, avg.value)}`
        : `评分 ${Math.round(i.score)}，低于 ${WEAK_FLOOR} 分`;
    sentences.push(`${label} ${shown(i.indicator, i.value)}，${compared}，建议${ADVICE[i.indicator]}。`);
  });
  return sentences.length > 0 ? sentences.join('\n') : '各项指标不低于辖区平均水平，请继续保持。';
}
