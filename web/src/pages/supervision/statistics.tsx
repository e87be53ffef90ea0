import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Row, Select, Skeleton } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEnglish } from '../../i18n/index.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ChartCard } from '../../lib/chart-card.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import {
  daysOf,
  type Indicator,
  type IndicatorSeries,
  periodValue,
  plotted,
  shown,
} from './statistics-data.ts';
import { exportWorkbook } from './statistics-export.ts';

const DEFAULT_INDICATORS: Indicator[] = ['reply_timeliness', 'supply_timeliness', 'usage_queries'];
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A day picked in antd's pickers (a Dayjs), as far as the page needs it. */
interface PickedDay {
  format(pattern: string): string;
}

/**
 * 统计分析 (issue 17; R111, R113): the supervision indicators over a chosen period, for a chosen
 * jurisdiction or department, a line chart per indicator and the departments ranked by one, each
 * with its table, and the whole exported to Excel.
 */
export function SupervisionStatisticsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = isEnglish(i18n.language);
  // No range chosen: the server's last 30 days, by its own clock and China time.
  const [range, setRange] = useState<{ from: string; to: string }>();
  const [jurisdictionId, setJurisdictionId] = useState<string>();
  const [departmentId, setDepartmentId] = useState<string>();
  const [chosen, setChosen] = useState<Indicator[]>(DEFAULT_INDICATORS);
  const [rankBy, setRankBy] = useState<Indicator>('reply_timeliness');
  const jurisdictions = useApi('/jurisdictions');
  const trend = useApi('/supervision/indicators', {
    ...range,
    subject: departmentId ? 'department' : 'jurisdiction',
    ...(departmentId ? { departmentId } : jurisdictionId ? { jurisdictionId } : {}),
  });
  const ranking = useApi('/supervision/indicators', {
    ...range,
    subject: 'department',
    indicator: rankBy,
    ...(jurisdictionId ? { jurisdictionId } : {}),
  });
  const labelOf = (s: Pick<IndicatorSeries, 'label'>) => (en ? s.label.en : s.label.zh);

  // The trend's subject: the department chosen, else the jurisdiction chosen, else the widest one seen.
  const series = trend.data?.series ?? [];
  const subjectId = departmentId ?? jurisdictionId ?? series[0]?.subject.id;
  const ofSubject = series.filter((s) => s.subject.id === subjectId);
  const subjectName = ofSubject[0]?.subject.name ?? '';
  const indicatorOptions = useMemo(() => {
    const seen = new Map<string, IndicatorSeries>();
    for (const s of [...(trend.data?.series ?? []), ...(ranking.data?.series ?? [])])
      if (!seen.has(s.indicator)) seen.set(s.indicator, s);
    return [...seen.values()].map((s) => ({ value: s.indicator, label: en ? s.label.en : s.label.zh }));
  }, [trend.data, ranking.data, en]);
  const period = trend.data ?? ranking.data;
  const days = period ? daysOf(period.from, period.to) : [];
  // Only indicators the answers named are offered and shown chosen: never a bare code.
  const known = new Set(indicatorOptions.map((o) => o.value));

  const trendRows = (s: IndicatorSeries) => {
    const byDay = new Map(s.points.map((p) => [p.day, p]));
    return days.map((day) => {
      const p = byDay.get(day);
      return {
        day,
        value: shown(s.unit, p?.value ?? null) ?? t('statistics.notMeasured'),
        numerator: p?.numerator ?? null,
        denominator: p?.denominator ?? null,
        plotted: plotted(s.unit, p?.value ?? null),
      };
    });
  };
  const rankSeries = ranking.data?.series ?? [];
  const rankUnit = rankSeries[0]?.unit ?? 'share';
  const rankLabel = rankSeries[0]
    ? labelOf(rankSeries[0])
    : (indicatorOptions.find((o) => o.value === rankBy)?.label ?? t('statistics.rankingIndicator'));
  const rankRows = rankSeries
    .map((s) => ({ id: s.subject.id, name: s.subject.name, raw: periodValue(s.unit, s.points) }))
    .filter((r): r is { id: string; name: string; raw: number } => r.raw !== null)
    .sort((a, b) => b.raw - a.raw || a.name.localeCompare(b.name, 'zh-CN'))
    .map((r, i) => ({ ...r, rank: i + 1, value: shown(rankUnit, r.raw) as string }));
  const barRows = rankRows.slice(0, 20).reverse();
  const rankOption: EChartsOption = {
    color: ['#7c3aed'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      ...(rankUnit === 'share' ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}),
    },
    yAxis: {
      type: 'category',
      data: barRows.map((r) => r.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ type: 'bar', name: rankLabel, data: barRows.map((r) => plotted(rankUnit, r.raw)) }],
  };

  const shownTrends = chosen
    .map((indicator) => ofSubject.find((s) => s.indicator === indicator))
    .filter((s): s is IndicatorSeries => s !== undefined);

  const download = async () => {
    await exportWorkbook(`统计分析_${period?.from ?? ''}_${period?.to ?? ''}.xlsx`, [
      {
        name: t('statistics.sheet.trend'),
        columns: [
          t('statistics.column.subject'),
          t('statistics.column.indicator'),
          t('statistics.column.day'),
          t('statistics.column.value'),
          t('statistics.column.numerator'),
          t('statistics.column.denominator'),
        ],
        rows: shownTrends.flatMap((s) =>
          trendRows(s).map((r) => [subjectName, labelOf(s), r.day, r.value, r.numerator, r.denominator]),
        ),
      },
      {
        name: t('statistics.sheet.ranking'),
        columns: [t('statistics.column.rank'), t('statistics.column.department'), rankLabel],
        rows: rankRows.map((r) => [r.rank, r.name, r.value]),
      },
    ]);
    message.success(t('statistics.exported'));
  };

  return (
    <>
      <PageHeader
        title={t('statistics.title')}
        subtitle={t('statistics.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={download} data-testid="statistics-export">
            {t('statistics.export')}
          </Button>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('statistics.range')} htmlFor="statistics-range">
                <DatePicker.RangePicker
                  id="statistics-range"
                  style={{ width: '100%' }}
                  allowClear={false}
                  onChange={(values) => {
                    const [a, b] = (values ?? [null, null]) as [PickedDay | null, PickedDay | null];
                    if (!a || !b) return;
                    const from = a.format('YYYY-MM-DD');
                    const to = b.format('YYYY-MM-DD');
                    if (shift(from, 365) < to) message.warning(t('statistics.tooLong'));
                    else setRange({ from, to });
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('statistics.jurisdiction')} htmlFor="statistics-jurisdiction">
                <Select
                  id="statistics-jurisdiction"
                  allowClear
                  value={jurisdictionId}
                  onChange={(v) => {
                    setJurisdictionId(v);
                    setDepartmentId(undefined);
                  }}
                  placeholder={t('statistics.jurisdictionAll')}
                  options={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
                  data-testid="statistics-jurisdiction"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('statistics.department')} htmlFor="statistics-department">
                <DepartmentSelect
                  id="statistics-department"
                  allowClear
                  value={departmentId}
                  onChange={setDepartmentId}
                  placeholder={t('statistics.departmentPick')}
                  data-testid="statistics-department"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('statistics.rankingIndicator')} htmlFor="statistics-rank-by">
                <Select
                  id="statistics-rank-by"
                  value={known.has(rankBy) ? rankBy : undefined}
                  onChange={setRankBy}
                  options={indicatorOptions}
                  data-testid="statistics-rank-by"
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                label={t('statistics.indicators')}
                htmlFor="statistics-indicators"
                style={{ marginBottom: 0 }}
              >
                <Select
                  id="statistics-indicators"
                  mode="multiple"
                  value={chosen.filter((c) => known.has(c))}
                  onChange={setChosen}
                  options={indicatorOptions}
                  data-testid="statistics-indicators"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert
        error={trend.error ?? ranking.error}
        onRetry={() => {
          trend.reload();
          ranking.reload();
        }}
      />
      {trend.loading && !trend.data && <Skeleton active />}
      <Row gutter={[16, 16]} data-testid="statistics-charts">
        <Col xs={24}>
          <ChartCard
            title={t('statistics.ranking', { indicator: rankLabel })}
            testId="statistics-ranking"
            option={rankOption}
            height={Math.max(220, barRows.length * 28)}
            empty={rankRows.length === 0}
            emptyText={t('statistics.rankingEmpty')}
            rows={rankRows}
            rowKey="id"
            columns={[
              { title: t('statistics.column.rank'), dataIndex: 'rank', align: 'right' },
              { title: t('statistics.column.department'), dataIndex: 'name' },
              { title: rankLabel, dataIndex: 'value', align: 'right' },
            ]}
          />
        </Col>
        {trend.data && shownTrends.length === 0 && (
          <Col xs={24}>
            <Card variant="borderless">
              <Empty description={t('statistics.trendEmpty')} />
            </Card>
          </Col>
        )}
        {shownTrends.map((s) => {
          const rows = trendRows(s);
          const option: EChartsOption = {
            color: ['#1d4ed8'],
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: rows.map((r) => r.day.slice(5)) },
            yAxis: {
              type: 'value',
              ...(s.unit === 'share'
                ? { max: 100, axisLabel: { formatter: '{value}%' } }
                : { minInterval: 1 }),
            },
            series: [
              { type: 'line', name: labelOf(s), connectNulls: false, data: rows.map((r) => r.plotted) },
            ],
          };
          return (
            <Col xs={24} xl={12} key={s.indicator}>
              <ChartCard
                title={`${labelOf(s)} · ${t('statistics.trend', { subject: subjectName })}`}
                testId={`statistics-trend-${s.indicator}`}
                option={option}
                empty={rows.every((r) => r.plotted === null)}
                emptyText={t('statistics.trendEmpty')}
                rows={rows}
                rowKey="day"
                columns={[
                  { title: t('statistics.column.day'), dataIndex: 'day' },
                  { title: t('statistics.column.value'), dataIndex: 'value', align: 'right' },
                  { title: t('statistics.column.numerator'), dataIndex: 'numerator', align: 'right' },
                  { title: t('statistics.column.denominator'), dataIndex: 'denominator', align: 'right' },
                ]}
              />
            </Col>
          );
        })}
      </Row>
    </>
  );
}
