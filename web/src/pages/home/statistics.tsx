import { Col, Row, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../lib/chart-card.tsx';
import type { HomeStatistics } from './types.ts';

const COLORS = ['#1d4ed8', '#0891b2', '#f59e0b', '#dc2626', '#7c3aed', '#059669'];
const CLASSES = ['base', 'theme', 'department'] as const;
const SHARE_TYPES = ['unconditional', 'conditional', 'not_shared'] as const;
const BUCKETS = ['half', 'within', 'late'] as const;
const FRESHNESS = ['fresh', 'due', 'late', 'unknown'] as const;
const FRESHNESS_COLORS = { fresh: '#059669', due: '#f59e0b', late: '#dc2626', unknown: '#94a3b8' };
const BUCKET_COLORS = { half: '#059669', within: '#1d4ed8', late: '#dc2626' };

const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The reader's statistics, each a chart with its table one click away (issue 17). */
export function HomeStatisticsCards({ statistics: s }: { statistics: HomeStatistics }) {
  const { t } = useTranslation();
  const scope =
    s.scope.kind === 'all' ? t('home.scope.all') : t(`home.scope.${s.scope.kind}`, { name: s.scope.name });

  const resourceRows = CLASSES.flatMap((c) =>
    SHARE_TYPES.map((st) => ({
      key: `${c}/${st}`,
      catalogClass: t(`home.catalogClass.${c}`),
      shareType: t(`home.shareType.${st}`),
      resources: s.resources.find((r) => r.catalogClass === c && r.shareType === st)?.resources ?? 0,
    })),
  ).filter((r) => r.resources > 0);
  const resources: EChartsOption = {
    color: COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: CLASSES.map((c) => t(`home.catalogClass.${c}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: SHARE_TYPES.map((st) => ({
      type: 'bar',
      barMaxWidth: 48,
      stack: 'resources',
      name: t(`home.shareType.${st}`),
      data: CLASSES.map(
        (c) => s.resources.find((r) => r.catalogClass === c && r.shareType === st)?.resources ?? 0,
      ),
    })),
  };

  const applications: EChartsOption = {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { type: 'category', data: s.applicationsPerMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 32,
        name: t('home.column.applications'),
        data: s.applicationsPerMonth.map((m) => m.applications),
      },
    ],
  };

  const replyRows = BUCKETS.map((b) => ({ key: b, bucket: t(`home.bucket.${b}`), count: s.replyTimes[b] }));
  const replyTimes: EChartsOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { top: 0 },
    series: [
      {
        type: 'pie',
        name: t('home.chart.replyTimes'),
        radius: ['35%', '65%'],
        top: 24,
        // Empty slices are left out: their labels would pile up on the ring.
        data: BUCKETS.filter((b) => s.replyTimes[b] > 0).map((b) => ({
          name: t(`home.bucket.${b}`),
          value: s.replyTimes[b],
          itemStyle: { color: BUCKET_COLORS[b] },
        })),
      },
    ],
  };

  const usageKeys = ['queries', 'downloads', 'serviceCalls'] as const;
  const usage: EChartsOption = {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: s.usage.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: usageKeys.map((k) => ({
      type: 'line',
      name: t(`home.series.${k}`),
      data: s.usage.map((d) => d[k]),
    })),
  };

  const top = [...s.topResources].reverse();
  const topResources: EChartsOption = {
    color: ['#0891b2'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ type: 'bar', barMaxWidth: 24, name: t('home.series.reads'), data: top.map((r) => r.reads) }],
  };

  const freshness = s.freshness;
  const freshnessRows = freshness
    ? FRESHNESS.map((f) => ({ key: f, status: t(`home.freshness.${f}`), count: freshness[f] }))
    : [];
  const freshnessOption: EChartsOption = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { top: 0 },
    series: [
      {
        type: 'pie',
        name: t('home.chart.freshness'),
        radius: ['35%', '65%'],
        top: 24,
        data: freshnessRows
          .filter((r) => r.count > 0)
          .map((r) => ({
            name: r.status,
            value: r.count,
            itemStyle: { color: FRESHNESS_COLORS[r.key] },
          })),
      },
    ],
  };

  const ranking = s.ranking;
  const rankingRows = (ranking ?? []).map((r, i) => ({ ...r, rank: i + 1 }));
  const shown = rankingRows.slice(0, 15).reverse();
  const rankingOption: EChartsOption = {
    color: ['#7c3aed'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 8 },
    xAxis: { type: 'value', max: 100 },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ type: 'bar', barMaxWidth: 24, name: t('home.series.score'), data: shown.map((r) => r.score) }],
  };

  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="home-scope">
        {scope}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="home-statistics">
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('home.chart.resources')}
            testId="home-chart-resources"
            option={resources}
            empty={resourceRows.length === 0}
            emptyText={t('home.chart.resourcesEmpty')}
            rows={resourceRows}
            rowKey="key"
            columns={[
              { title: t('home.column.catalogClass'), dataIndex: 'catalogClass' },
              { title: t('home.column.shareType'), dataIndex: 'shareType' },
              { title: t('home.column.resources'), dataIndex: 'resources', align: 'right' },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('home.chart.applications')}
            testId="home-chart-applications"
            option={applications}
            empty={sum(s.applicationsPerMonth.map((m) => m.applications)) === 0}
            emptyText={t('home.chart.applicationsEmpty')}
            rows={s.applicationsPerMonth}
            rowKey="month"
            columns={[
              { title: t('home.column.month'), dataIndex: 'month' },
              { title: t('home.column.applications'), dataIndex: 'applications', align: 'right' },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('home.chart.replyTimes')}
            testId="home-chart-reply-times"
            option={replyTimes}
            empty={sum(replyRows.map((r) => r.count)) === 0}
            emptyText={t('home.chart.replyTimesEmpty')}
            rows={replyRows}
            rowKey="key"
            columns={[
              { title: t('home.column.bucket'), dataIndex: 'bucket' },
              { title: t('home.column.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('home.chart.usage')}
            testId="home-chart-usage"
            option={usage}
            empty={sum(s.usage.map((d) => d.queries + d.downloads + d.serviceCalls)) === 0}
            emptyText={t('home.chart.usageEmpty')}
            rows={s.usage}
            rowKey="day"
            columns={[
              { title: t('home.column.day'), dataIndex: 'day' },
              { title: t('home.column.queries'), dataIndex: 'queries', align: 'right' },
              { title: t('home.column.downloads'), dataIndex: 'downloads', align: 'right' },
              { title: t('home.column.serviceCalls'), dataIndex: 'serviceCalls', align: 'right' },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('home.chart.topResources')}
            testId="home-chart-top-resources"
            option={topResources}
            empty={s.topResources.length === 0}
            emptyText={t('home.chart.topResourcesEmpty')}
            rows={s.topResources}
            rowKey="id"
            columns={[
              { title: t('home.column.resource'), dataIndex: 'name' },
              { title: t('home.column.code'), dataIndex: 'code' },
              { title: t('home.column.reads'), dataIndex: 'reads', align: 'right' },
              { title: t('home.column.rowsRead'), dataIndex: 'rowsRead', align: 'right' },
            ]}
          />
        </Col>
        {freshness && (
          <Col xs={24} xl={12}>
            <ChartCard
              title={t('home.chart.freshness')}
              testId="home-chart-freshness"
              option={freshnessOption}
              empty={sum(freshnessRows.map((r) => r.count)) === 0}
              emptyText={t('home.chart.freshnessEmpty')}
              rows={freshnessRows}
              rowKey="key"
              columns={[
                { title: t('home.column.status'), dataIndex: 'status' },
                { title: t('home.column.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Col>
        )}
        {ranking && (
          <Col xs={24}>
            <ChartCard
              title={t('home.chart.ranking')}
              testId="home-chart-ranking"
              option={rankingOption}
              height={Math.max(200, shown.length * 28)}
              empty={rankingRows.length === 0}
              emptyText={t('home.chart.rankingEmpty')}
              rows={rankingRows}
              rowKey="departmentId"
              columns={[
                { title: t('home.column.rank'), dataIndex: 'rank', align: 'right' },
                { title: t('home.column.department'), dataIndex: 'name' },
                { title: t('home.column.score'), dataIndex: 'score', align: 'right' },
                { title: t('home.column.measured'), dataIndex: 'measured', align: 'right' },
              ]}
            />
          </Col>
        )}
      </Row>
    </>
  );
}
