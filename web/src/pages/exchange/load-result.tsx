import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exchangeLinks, type LoadView } from './api.ts';
import { formatCount, StatusTag } from './shared.tsx';
import { type LoadOutcome, parseRejectCsv, type RejectLine } from './upload-stream.ts';

interface BadRow {
  key: number;
  row: string;
  item: string;
  problem: string;
  detail: string;
  values?: Record<string, string>;
}

const toBadRows = (lines: RejectLine[]): BadRow[] =>
  lines.map((r, key) => ({
    key,
    row: String(r.row ?? r.index ?? ''),
    item: r.item ?? '',
    problem: r.problem,
    detail: r.detail ?? '',
  }));

/** The bad rows of a load: those the answer carries, else the reject file read back. */
function useBadRows(outcome: LoadOutcome): { rows: BadRow[]; loading: boolean } {
  const load = outcome.kind === 'refused' ? undefined : outcome.load;
  const inline = outcome.kind === 'refused' ? undefined : outcome.rejected;
  const [fetched, setFetched] = useState<BadRow[]>();
  const [loading, setLoading] = useState(false);
  // The answer carries the first bad rows; the reject file has them all, with the original values.
  const needsFile = load !== undefined && load.rejected > 0 && load.hasRejectFile;
  useEffect(() => {
    if (!needsFile || !load) return;
    let live = true;
    setLoading(true);
    fetch(exchangeLinks.rejects(load.id), { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => {
        if (live) setFetched(parseRejectCsv(text).map((r, key) => ({ key, ...r })));
      })
      .catch(() => live && setFetched([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [needsFile, load]);
  return { rows: fetched && fetched.length > 0 ? fetched : toBadRows(inline ?? []), loading };
}

/** What a load did: counts at a glance, then every bad row with its reason and the reject file. */
export function LoadResult({ outcome }: { outcome: LoadOutcome }) {
  const { t, i18n } = useTranslation();
  const bad = useBadRows(outcome);
  if (outcome.kind === 'refused') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('exchange.uploads.refused')}
        description={outcome.message}
        style={{ marginBottom: 16 }}
        data-testid="upload-refused"
      />
    );
  }
  const load: LoadView | undefined = outcome.load;
  const rejectedCount = load?.rejected ?? bad.rows.length;
  const nothingApplied = outcome.kind === 'failed';
  const n = (v: number | undefined) => formatCount(v ?? 0, i18n.language);
  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 16 }}
      data-testid="upload-result"
      data-outcome={outcome.kind}
      title={
        <Space>
          {t('exchange.uploads.resultTitle')}
          {load ? <StatusTag status={load.status} testId="upload-status" /> : <StatusTag status="failed" />}
        </Space>
      }
      extra={
        load &&
        rejectedCount > 0 &&
        load.hasRejectFile && (
          <a href={exchangeLinks.rejects(load.id)} download data-testid="upload-reject-file">
            <Button icon={<DownloadOutlined />}>{t('exchange.uploads.rejectFile')}</Button>
          </a>
        )
      }
    >
      {nothingApplied && (
        <Alert
          type={load?.status === 'rejected' ? 'warning' : 'error'}
          showIcon
          title={t(
            load?.status === 'rejected' ? 'exchange.uploads.nothingApplied' : 'exchange.uploads.failed',
          )}
          description={outcome.message || undefined}
          style={{ marginBottom: 16 }}
          data-testid="upload-nothing-applied"
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('exchange.loads.rows')} value={n(load?.rowsRead)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('exchange.loads.applied')}
            value={n(load?.applied)}
            styles={{ content: { color: '#16a34a' } }}
            data-testid="upload-applied"
          />
        </Col>
        <Col span={6}>
          <Statistic title={t('exchange.loads.unchanged')} value={n(load?.unchanged)} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('exchange.loads.rejected')}
            value={n(rejectedCount)}
            styles={{ content: { color: rejectedCount > 0 ? '#dc2626' : undefined } }}
            data-testid="upload-rejected"
          />
        </Col>
      </Row>
      {(bad.rows.length > 0 || bad.loading) && (
        <>
          <Typography.Title level={5}>{t('exchange.uploads.badRows')}</Typography.Title>
          <Table<BadRow>
            size="small"
            rowKey="key"
            loading={bad.loading}
            dataSource={bad.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="upload-rejects"
            columns={[
              { title: t('exchange.uploads.row'), dataIndex: 'row', width: 80 },
              {
                title: t('exchange.columns.item'),
                dataIndex: 'item',
                width: 160,
                render: (item: string) => (item ? <Tag>{item}</Tag> : '—'),
              },
              {
                title: t('exchange.uploads.reason'),
                key: 'reason',
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <span data-testid="upload-reject-reason" data-problem={r.problem}>
                      {t(`exchange.problems.${r.problem}` as 'exchange.problems.type', {
                        defaultValue: r.problem,
                      })}
                    </span>
                    {r.detail && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.detail}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('exchange.uploads.original'),
                key: 'values',
                render: (_, r) =>
                  r.values ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {Object.entries(r.values)
                        .map(([k, v]) => `${k}=${v}`)
                        .join('；')}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
