import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../lib/chart-card.tsx';
import { useApi } from '../../lib/use-api.ts';
import { daysOf, type Indicator } from './statistics-data.ts';

const USAGE = [
  { indicator: 'usage_queries', key: 'queries' },
  { indicator: 'usage_downloads', key: 'downloads' },
  { indicator: 'usage_service_calls', key: 'serviceCalls' },
] as const;

/** One usage indicator summed over the departments the reader sees, per day. */
function useUsage(indicator: Indicator) {
  return useApi('/supervision/indicators', { indicator, subject: 'department' });
}

/**
 * Call volume over the server's last 30 days (queries, downloads, service calls), summed over the
 * departments the reader monitors, from the indicators stored per department and day (R55, R111).
 */
export function UsageTrendCard({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const answers = [useUsage(USAGE[0].indicator), useUsage(USAGE[1].indicator), useUsage(USAGE[2].indicator)];
  const first = answers[0]?.data;
  const days = first ? daysOf(first.from, first.to) : [];
  const rows = days.map((day) => {
    const row: Record<string, string | number> = { day };
    USAGE.forEach(({ key }, i) => {
      row[key] = (answers[i]?.data?.series ?? []).reduce(
        (n, s) => n + (s.points.find((p) => p.day === day)?.value ?? 0),
        0,
      );
    });
    return row;
  });
  const option: EChartsOption = {
    color: ['#1d4ed8', '#0891b2', '#f59e0b'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: USAGE.map(({ key }) => ({
      type: 'line',
      name: t(`home.series.${key}`),
      data: rows.map((r) => Number(r[key] ?? 0)),
    })),
  };
  if (answers.some((a) => a.error)) return null;
  return (
    <ChartCard
      title={t('home.chart.usage')}
      testId={testId}
      option={option}
      height={220}
      empty={rows.every((r) => USAGE.every(({ key }) => r[key] === 0))}
      emptyText={t('home.chart.usageEmpty')}
      rows={rows}
      rowKey="day"
      columns={[
        { title: t('home.column.day'), dataIndex: 'day' },
        { title: t('home.column.queries'), dataIndex: 'queries', align: 'right' },
        { title: t('home.column.downloads'), dataIndex: 'downloads', align: 'right' },
        { title: t('home.column.serviceCalls'), dataIndex: 'serviceCalls', align: 'right' },
      ]}
    />
  );
}
