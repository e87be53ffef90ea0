import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../lib/chart-card.tsx';

/** One line of accesses: a name and counts per China date. */
export interface AccessLine {
  name: string;
  counts: { day: string; count: number }[];
}

const COLORS = ['#1d4ed8', '#0891b2', '#f59e0b'];

/** Every day from the first to the last counted, so that days without accesses show as 0. */
function daysBetween(lines: AccessLine[]): string[] {
  const all = lines.flatMap((l) => l.counts.map((c) => c.day)).sort();
  if (all.length === 0) return [];
  const out: string[] = [];
  const last = Date.parse(`${all[all.length - 1]}T00:00:00Z`);
  for (let t = Date.parse(`${all[0]}T00:00:00Z`); t <= last && out.length < 1000; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Accesses per day as a line chart above a report's tables (R85, R88), its figures one click away. */
export function AccessChart({ lines, testId }: { lines: AccessLine[]; testId: string }) {
  const { t } = useTranslation();
  const days = daysBetween(lines);
  const rows: Record<string, string | number>[] = days.map((day) => ({
    day,
    ...Object.fromEntries(lines.map((l, i) => [`line${i}`, l.counts.find((c) => c.day === day)?.count ?? 0])),
  }));
  const option: EChartsOption = {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1, name: t('statistics.reports.accesses') },
    series: lines.map((l, i) => ({
      type: 'line',
      smooth: true,
      name: l.name,
      data: rows.map((r) => Number(r[`line${i}`] ?? 0)),
    })),
  };
  return (
    <ChartCard
      title={t('statistics.reports.accessesOverTime')}
      testId={testId}
      option={option}
      height={240}
      empty={days.length === 0}
      emptyText={t('statistics.reports.empty')}
      rows={rows}
      rowKey="day"
      columns={[
        { title: t('statistics.column.day'), dataIndex: 'day' },
        ...lines.map((l, i) => ({ title: l.name, dataIndex: `line${i}`, align: 'right' as const })),
      ]}
    />
  );
}
