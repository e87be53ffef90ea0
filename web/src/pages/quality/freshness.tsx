import { HistoryOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { useVocabulary } from '../catalog/vocabulary.ts';
import {
  FRESHNESS_PATH,
  FRESHNESS_STATUSES,
  type FreshnessItem,
  type FreshnessList,
  type FreshnessStatus,
  STATUS_FILL,
} from './freshness/api.ts';
import { HistoryDrawer } from './freshness/history.tsx';
import { RestrictionsTab, RestrictModal } from './freshness/restrictions.tsx';
import { StatusTag, useRuleText } from './freshness/status.tsx';

/**
 * 数据时效 (R16, R68–R71): the server's monitor of every hosted or served resource, its counts by
 * status, the list with each resource's history, and the authority's restrictions of late
 * departments where the policy allows them (Feicheng Art.21).
 */
export function QualityFreshnessPage() {
  const { t } = useTranslation();
  const { can, reach } = useSession();
  const [status, setStatus] = useState<FreshnessStatus | undefined>();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState('resources');
  const list = useApi(FRESHNESS_PATH, { status, departmentId, page, pageSize: 20 });
  const restrictions = useApi(`${FRESHNESS_PATH}/restrictions`, { pageSize: 50 });
  const wide = ['all', 'jurisdiction'].includes(reach('quality.freshness.read') ?? '');
  const reload = () => {
    list.reload();
    restrictions.reload();
  };
  const pick = (next: FreshnessStatus | undefined) => {
    setStatus(next);
    setPage(1);
  };
  return (
    <>
      <PageHeader
        title={t('qualityFreshness.title')}
        subtitle={t('qualityFreshness.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <StatusChart counts={list.data?.counts} selected={status} onPick={pick} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'resources',
            label: t('qualityFreshness.tabs.resources'),
            children: (
              <ResourceTable
                list={list.data}
                loading={list.loading}
                page={page}
                onPage={setPage}
                filters={
                  <Space wrap>
                    <Select<FreshnessStatus>
                      allowClear
                      value={status}
                      onChange={pick}
                      placeholder={t('qualityFreshness.filters.status')}
                      aria-label={t('qualityFreshness.filters.status')}
                      style={{ minWidth: 160 }}
                      data-testid="freshness-status-filter"
                      options={FRESHNESS_STATUSES.map((s) => ({
                        value: s,
                        label: t(`qualityFreshness.status.${s}`),
                      }))}
                    />
                    {wide && (
                      <DepartmentSelect
                        allowClear
                        value={departmentId}
                        onChange={(value) => {
                          setDepartmentId(value);
                          setPage(1);
                        }}
                        placeholder={t('qualityFreshness.filters.department')}
                        style={{ minWidth: 220 }}
                      />
                    )}
                  </Space>
                }
                restrict={
                  can('quality.freshness.restrict') && restrictions.data?.allowed.value
                    ? { article: restrictions.data.allowed.article, onDone: reload }
                    : undefined
                }
              />
            ),
          },
          {
            key: 'restrictions',
            label: t('qualityFreshness.tabs.restrictions'),
            children: <RestrictionsTab list={restrictions} onChanged={reload} />,
          },
        ]}
      />
    </>
  );
}

/** The counts by status as one horizontal bar of segments, with a statistic per status; a click filters. */
function StatusChart({
  counts,
  selected,
  onPick,
}: {
  counts: Record<FreshnessStatus, number> | undefined;
  selected: FreshnessStatus | undefined;
  onPick(status: FreshnessStatus | undefined): void;
}) {
  const { t } = useTranslation();
  const total = counts ? FRESHNESS_STATUSES.reduce((sum, s) => sum + counts[s], 0) : 0;
  return (
    <Card size="small" title={t('qualityFreshness.chartTitle')} style={{ marginBottom: 16 }}>
      <div
        role="img"
        aria-label={FRESHNESS_STATUSES.map((s) =>
          t('qualityFreshness.chartLabel', {
            status: t(`qualityFreshness.status.${s}`),
            n: counts?.[s] ?? 0,
          }),
        ).join('；')}
        style={{ display: 'flex', height: 14, borderRadius: 7, overflow: 'hidden', background: '#f0f0f0' }}
      >
        {total > 0 &&
          FRESHNESS_STATUSES.filter((s) => (counts?.[s] ?? 0) > 0).map((s) => (
            <div
              key={s}
              style={{ width: `${((counts?.[s] ?? 0) / total) * 100}%`, background: STATUS_FILL[s] }}
            />
          ))}
      </div>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {FRESHNESS_STATUSES.map((s) => (
          <Col key={s} xs={12} sm={6}>
            <button
              type="button"
              onClick={() => onPick(selected === s ? undefined : s)}
              aria-pressed={selected === s}
              data-testid={`freshness-count-${s}`}
              style={{
                all: 'unset',
                cursor: 'pointer',
                display: 'block',
                width: '100%',
                padding: 8,
                borderRadius: 6,
                outline: selected === s ? `2px solid ${STATUS_FILL[s]}` : undefined,
              }}
            >
              <Statistic
                title={t(`qualityFreshness.status.${s}`)}
                value={counts?.[s] ?? 0}
                styles={{ content: { color: STATUS_FILL[s] } }}
              />
            </button>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function ResourceTable({
  list,
  loading,
  page,
  onPage,
  filters,
  restrict,
}: {
  list: FreshnessList | undefined;
  loading: boolean;
  page: number;
  onPage(page: number): void;
  filters: React.ReactNode;
  restrict: { article: string | null; onDone(): void } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const { label } = useVocabulary();
  const [history, setHistory] = useState<string | null>(null);
  const [restricting, setRestricting] = useState<{ id: string; name: string } | null>(null);
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {filters}
      <Table<FreshnessItem>
        rowKey={(r) => r.entry.id}
        size="middle"
        loading={loading}
        dataSource={list?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="freshness-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list?.total ?? 0,
          onChange: onPage,
          hideOnSinglePage: true,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('qualityFreshness.fields.resource'),
            key: 'entry',
            fixed: 'left',
            width: 200,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.entry.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.entry.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('qualityFreshness.fields.provider'),
            key: 'provider',
            render: (_, r) => r.provider.name,
          },
          {
            title: t('qualityFreshness.fields.cycle'),
            key: 'cycle',
            render: (_, r) => label('updateCycles', r.updateCycle),
          },
          {
            title: t('qualityFreshness.fields.rule'),
            key: 'rule',
            render: (_, r) => (
              <Tooltip title={r.rule.text}>
                <span>{ruleText(r.rule)}</span>
              </Tooltip>
            ),
          },
          {
            title: t('qualityFreshness.fields.lastChange'),
            key: 'last',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{when(r.lastChangeAt)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`qualityFreshness.source.${r.lastChangeSource}`)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('qualityFreshness.fields.dueBy'), key: 'due', render: (_, r) => when(r.dueBy) },
          {
            title: t('qualityFreshness.fields.status'),
            key: 'status',
            render: (_, r) => (
              <span data-testid={`freshness-status-${r.entry.code}`}>
                <StatusTag status={r.status} />
              </span>
            ),
          },
          {
            title: t('qualityFreshness.fields.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space wrap>
                <Button
                  size="small"
                  icon={<HistoryOutlined />}
                  onClick={() => setHistory(r.entry.id)}
                  data-testid={`freshness-history-${r.entry.code}`}
                >
                  {t('qualityFreshness.history')}
                </Button>
                {restrict && r.status === 'late' && (
                  <Button
                    size="small"
                    danger
                    icon={<StopOutlined />}
                    onClick={() => setRestricting(r.provider)}
                    data-testid={`freshness-restrict-${r.entry.code}`}
                  >
                    {t('qualityFreshness.restrict')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <HistoryDrawer entryId={history} onClose={() => setHistory(null)} />
      <RestrictModal
        department={restricting}
        article={restrict?.article ?? null}
        onClose={() => setRestricting(null)}
        onDone={() => {
          setRestricting(null);
          restrict?.onDone();
        }}
      />
    </Space>
  );
}
