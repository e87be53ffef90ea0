import { Button, Card, Descriptions, Drawer, Empty, Grid, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { isEnglish } from '../../i18n/index.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { Chart } from '../../lib/chart.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { scoreColor } from '../../lib/score-color.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { ScoreTag } from './score-tag.tsx';

/** A resource's scores as `GET /quality/scores` answers them. */
type ResourceScore = ResponseOf<'/quality/scores'>['items'][number];
type ItemMeasure = ResponseOf<`/quality/scores/${string}`>['items'][number];

const PAGE_SIZE = 20;

/** A share as a percentage with one decimal, or 未计量. */
function Percent({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null)
    return <Typography.Text type="secondary">{t('qualityScores.notMeasured')}</Typography.Text>;
  return <>{(value * 100).toFixed(1)}%</>;
}

/** Quality scores (issue 16): departments as a chart, resources as a table, one resource in a drawer. */
export function QualityScoresPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | undefined>(params.get('entry') ?? undefined);
  const list = useApi('/quality/scores', {
    page,
    pageSize: PAGE_SIZE,
  });
  const departments = useApi('/quality/scores/departments');
  const scored = (departments.data?.items ?? []).filter((d) => d.score !== null);

  return (
    <>
      <PageHeader title={t('qualityScores.title')} subtitle={t('qualityScores.subtitle')} />
      <ErrorAlert
        error={list.error ?? departments.error}
        onRetry={() => {
          list.reload();
          departments.reload();
        }}
      />
      {scored.length > 0 && (
        <Card
          variant="borderless"
          title={t('qualityScores.departments')}
          extra={<Typography.Text type="secondary">{t('qualityScores.departmentsHint')}</Typography.Text>}
          style={{ marginBottom: 16 }}
        >
          <Chart
            label={t('qualityScores.departments')}
            height={Math.max(160, scored.length * 36 + 60)}
            option={{
              grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'value', min: 0, max: 100 },
              yAxis: {
                type: 'category',
                inverse: true,
                data: scored.map((d) => d.department.name ?? d.department.id),
              },
              series: [
                {
                  type: 'bar',
                  name: t('qualityScores.score'),
                  data: scored.map((d) => ({ value: d.score, itemStyle: { color: scoreColor(d.score) } })),
                  label: { show: true, position: 'right' },
                  barMaxWidth: 24,
                },
              ],
            }}
          />
        </Card>
      )}
      <Card variant="borderless" title={t('qualityScores.resources')}>
        <Table<ResourceScore>
          rowKey={(r) => r.entry.id}
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={list.loading && !list.data}
          dataSource={list.data?.items ?? []}
          data-testid="quality-scores"
          locale={{ emptyText: <Empty description={t('qualityScores.empty_list')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (count) => t('common.total', { count }),
          }}
          onRow={(r) => ({ onClick: () => setOpen(r.entry.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('qualityScores.resource'),
              key: 'entry',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link onClick={() => setOpen(r.entry.id)}>{r.entry.name}</Typography.Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.entry.code}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('qualityScores.provider'),
              key: 'provider',
              render: (_: unknown, r) => r.provider.name,
            },
            {
              title: t('qualityScores.score'),
              dataIndex: 'score',
              render: (v: number | null) => <ScoreTag score={v} />,
            },
            {
              title: t('qualityScores.completeness'),
              dataIndex: 'completeness',
              render: (v: number | null) => <Percent value={v} />,
            },
            {
              title: t('qualityScores.validity'),
              dataIndex: 'validity',
              render: (v: number | null) => <Percent value={v} />,
            },
            {
              title: t('qualityScores.agreement'),
              dataIndex: 'agreement',
              render: (v: number | null) =>
                v === null ? (
                  <Tooltip title={t('qualityScores.agreementPending')}>
                    <Typography.Text type="secondary">{t('qualityScores.notMeasured')}</Typography.Text>
                  </Tooltip>
                ) : (
                  <Percent value={v} />
                ),
            },
            { title: t('qualityScores.rows'), dataIndex: 'rows', align: 'right' },
            {
              title: t('qualityScores.checkedAt'),
              dataIndex: 'checkedAt',
              render: (v: string) => formatDateTime(v, i18n.language),
            },
          ]}
        />
      </Card>
      <ScoreDrawer entryId={open} onClose={() => setOpen(undefined)} onRescanned={list.reload} />
    </>
  );
}

function ScoreDrawer({
  entryId,
  onClose,
  onRescanned,
}: {
  entryId: string | undefined;
  onClose(): void;
  onRescanned(): void;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const narrow = !Grid.useBreakpoint().md;
  const detail = useApi(entryId ? `/quality/scores/${entryId}` : null);
  const [busy, setBusy] = useState(false);
  const d = detail.data;
  const en = isEnglish(i18n.language);
  const rescan = async () => {
    if (!entryId) return;
    setBusy(true);
    try {
      await api(`/quality/scores/${entryId}/rescan`, { method: 'POST' });
      detail.reload();
      onRescanned();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={entryId !== undefined}
      onClose={onClose}
      width={narrow ? '100%' : 760}
      title={d ? d.entry.name : t('qualityScores.detail')}
      extra={
        can('quality.score.scan') && (
          <Button onClick={rescan} loading={busy}>
            {t('qualityScores.rescan')}
          </Button>
        )
      }
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {d && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={narrow ? 1 : 2} bordered>
            <Descriptions.Item label={t('qualityScores.score')}>
              <ScoreTag score={d.score} />
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.rows')}>{d.rows}</Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.completeness')}>
              <Percent value={d.completeness} />
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.validity')}>
              <Percent value={d.validity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.agreement')}>
              {d.agreement === null ? t('qualityScores.agreementPending') : <Percent value={d.agreement} />}
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.uniqueness')}>
              <span data-testid="quality-uniqueness">{t('qualityScores.uniquenessEnforced')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('qualityScores.scannedAt')}>
              {formatDateTime(d.scannedAt, i18n.language)}
            </Descriptions.Item>
          </Descriptions>
          {d.history.length > 0 && (
            <Card size="small" title={t('qualityScores.history')}>
              <Chart
                label={t('qualityScores.history')}
                height={220}
                option={{
                  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  xAxis: { type: 'category', data: d.history.map((h) => h.day) },
                  yAxis: { type: 'value', min: 0, max: 100 },
                  series: [
                    {
                      type: 'line',
                      name: t('qualityScores.score'),
                      symbolSize: 8,
                      data: d.history.map((h) => h.score),
                    },
                    {
                      type: 'line',
                      name: t('qualityScores.completeness'),
                      symbolSize: 8,
                      data: d.history.map((h) => (h.completeness === null ? null : h.completeness * 100)),
                    },
                    {
                      type: 'line',
                      name: t('qualityScores.validity'),
                      symbolSize: 8,
                      data: d.history.map((h) => (h.validity === null ? null : h.validity * 100)),
                    },
                  ],
                }}
              />
            </Card>
          )}
          <Table<ItemMeasure>
            rowKey="item"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            title={() => t('qualityScores.items')}
            dataSource={d.items}
            data-testid="quality-score-items"
            columns={[
              { title: t('qualityScores.item'), dataIndex: 'item' },
              { title: t('qualityScores.empty'), dataIndex: 'empty', align: 'right' },
              { title: t('qualityScores.invalid'), dataIndex: 'invalid', align: 'right' },
              {
                title: t('qualityScores.completeness'),
                dataIndex: 'completeness',
                render: (v: number | null) => <Percent value={v} />,
              },
              {
                title: t('qualityScores.validity'),
                dataIndex: 'validity',
                render: (v: number | null) => <Percent value={v} />,
              },
              {
                title: t('qualityScores.rule'),
                dataIndex: 'rule',
                render: (rule: ItemMeasure['rule']) =>
                  rule ? (
                    en ? (
                      rule.en
                    ) : (
                      rule.zh
                    )
                  ) : (
                    <Typography.Text type="secondary">{t('qualityScores.noRule')}</Typography.Text>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
