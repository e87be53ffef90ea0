import { useTranslation } from 'react-i18next';
import { Chart } from '../../lib/chart.tsx';
import { chinaDate } from '../../lib/format.ts';
import { evidenceOf, type SecurityAlert } from './alert-types.ts';

const CURRENT = '#dc2626';
const BASELINE = '#93c5fd';
const THRESHOLD = '#64748b';

/**
 * The evidence as a small chart: a volume alert's window against the same window of each previous
 * day (with the baseline median), an off-hours alert's reads per hour, else observed against the threshold.
 */
export function AlertChart({ alert }: { alert: SecurityAlert }) {
  const { t } = useTranslation();
  const evidence = evidenceOf(alert);
  if (alert.kind === 'volume' && evidence.baseline) {
    const labels = [
      ...evidence.baseline.map((b) => chinaDate(new Date(b.from)).slice(5)),
      t('alerts.chart.current'),
    ];
    const values = [
      ...evidence.baseline.map((b) => ({ value: b.count, itemStyle: { color: BASELINE } })),
      { value: evidence.count, itemStyle: { color: CURRENT } },
    ];
    return (
      <Chart
        label={t('alerts.chart.volumeLabel')}
        height={220}
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { data: [t('alerts.chart.reads'), t('alerts.chart.median')] },
          grid: { left: 48, right: 16, top: 36, bottom: 48 },
          xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('alerts.chart.reads'), type: 'bar', data: values },
            {
              name: t('alerts.chart.median'),
              type: 'line',
              symbol: 'none',
              lineStyle: { type: 'dashed', color: THRESHOLD },
              data: labels.map(() => evidence.median ?? 0),
            },
          ],
        }}
      />
    );
  }
  if (alert.kind === 'off_hours' && evidence.hours) {
    return (
      <Chart
        label={t('alerts.chart.hoursLabel')}
        height={200}
        option={{
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 48, right: 16, top: 16, bottom: 40 },
          xAxis: {
            type: 'category',
            data: evidence.hours.map((h) => t('alerts.chart.hour', { date: h.date, hour: h.hour })),
          },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            {
              name: t('alerts.chart.reads'),
              type: 'bar',
              data: evidence.hours.map((h) => h.count),
              itemStyle: { color: CURRENT },
            },
          ],
        }}
      />
    );
  }
  const threshold = evidence.threshold ?? evidence.minReads ?? 0;
  return (
    <Chart
      label={t('alerts.chart.thresholdLabel')}
      height={160}
      option={{
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 72, right: 24, top: 16, bottom: 24 },
        yAxis: { type: 'category', data: [t('alerts.chart.threshold'), t('alerts.chart.observed')] },
        xAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: [
              { value: threshold, itemStyle: { color: THRESHOLD } },
              { value: evidence.count, itemStyle: { color: CURRENT } },
            ],
          },
        ],
      }}
    />
  );
}
