/** `GET /api/v1/supervision/indicators` as the 统计分析 page reads it, and the sums it draws. */
import type { ResponseOf } from '../../api/contract.ts';

export type IndicatorAnswer = ResponseOf<'/supervision/indicators'>;
export type IndicatorSeries = IndicatorAnswer['series'][number];
export type IndicatorPoint = IndicatorSeries['points'][number];
export type IndicatorUnit = IndicatorSeries['unit'];
export type Indicator = IndicatorSeries['indicator'];

/**
 * One subject's figure over a period: a share sums its terms (not the days' shares), a count its
 * values, a score is the mean of the days scored; null where nothing was measured.
 */
export function periodValue(unit: IndicatorUnit, points: IndicatorPoint[]): number | null {
  if (unit === 'share') {
    const n = points.reduce((a, p) => a + (p.numerator ?? 0), 0);
    const d = points.reduce((a, p) => a + (p.denominator ?? 0), 0);
    return d > 0 ? n / d : null;
  }
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const total = values.reduce((a, b) => a + b, 0);
  return unit === 'count' ? total : total / values.length;
}

/** A value as shown: a share as a percentage, a count as is, a score with one decimal. */
export function shown(unit: IndicatorUnit, value: number | null): string | null {
  if (value === null) return null;
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'score') return value.toFixed(1);
  return String(value);
}

/** The value as a chart plots it (percent for shares). */
export const plotted = (unit: IndicatorUnit, value: number | null): number | null =>
  value === null ? null : unit === 'share' ? Math.round(value * 1000) / 10 : value;

/** Every day of a range, both ends included. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
