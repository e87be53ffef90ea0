import type { TFunction } from 'i18next';
import type { EvaluationView } from '../../../api/evaluations.ts';
import { isEnglish } from '../../../i18n/index.ts';

/** `2026` → 2026 年度; `2026-H1` → 2026 年上半年. */
export function periodText(t: TFunction, period: string): string {
  const year = period.slice(0, 4);
  if (period.endsWith('-H1')) return t('evaluations.firstHalf', { year });
  if (period.endsWith('-H2')) return t('evaluations.secondHalf', { year });
  return t('evaluations.year', { year });
}

export const labelOf = (language: string, label: { zh: string; en: string }) =>
  isEnglish(language) ? label.en : label.zh;

/** A figure as people read it: a share in %, a count, a score; null is 无数据 (never 0). */
export function figureText(
  t: TFunction,
  unit: string,
  value: number | null,
  numerator?: number | null,
  denominator?: number | null,
): string {
  if (value === null) return t('evaluations.noData');
  if (unit === 'share') {
    const pct = `${(value * 100).toFixed(1)}%`;
    return numerator != null && denominator != null ? `${pct}（${numerator}/${denominator}）` : pct;
  }
  if (unit === 'score') return value.toFixed(1);
  return String(Math.round(value * 100) / 100);
}

export const scoreText = (t: TFunction, score: number | null) =>
  score === null ? t('evaluations.noData') : score.toFixed(1);

export const STATE_COLOR: Record<EvaluationView['state'], string> = {
  draft: 'gold',
  reviewed: 'blue',
  published: 'green',
};

/** The ranking as a horizontal bar chart: departments with a total, best on top. */
export function rankingOption(e: Pick<EvaluationView, 'lines'>, print = false) {
  const ranked = e.lines.filter((l) => l.total !== null).reverse();
  return {
    animation: !print,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'value' as const, max: 100 },
    yAxis: {
      type: 'category' as const,
      data: ranked.map((l) => l.departmentName),
      axisLabel: { width: 140, overflow: 'truncate' as const },
    },
    series: [
      {
        type: 'bar' as const,
        data: ranked.map((l) => l.total),
        itemStyle: { color: '#1d4ed8' },
        label: { show: true, position: 'right' as const },
      },
    ],
  };
}

export const chartHeight = (lines: number) => Math.max(120, lines * 36 + 24);
