import { DiffOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Select, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type Diff, type EntryDetail } from '../../../api/catalog.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { VersionStatusTag } from '../tags.tsx';
import { DiffView } from './diff-view.tsx';

const REVIEW_COLORS: Record<string, string> = {
  submit: 'blue',
  ratify: 'green',
  publish: 'green',
  approve_reduction: 'green',
  return: 'red',
  reject_reduction: 'red',
  withdraw: 'orange',
};

/** 版本历史: every version with the steps taken on it, and a diff of any two versions. */
export function VersionsTab({ entry }: { entry: EntryDetail }) {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const versions = [...entry.versions].sort((a, b) => b.version - a.version);
  const newest = versions[0]?.version ?? entry.currentVersion;
  const [from, setFrom] = useState<number | undefined>(
    entry.publishedVersion && entry.publishedVersion !== newest
      ? entry.publishedVersion
      : versions[1]?.version,
  );
  const [to, setTo] = useState<number>(newest);
  const [diff, setDiff] = useState<{ diff: Diff; from: number; to: number }>();
  const [busy, setBusy] = useState(false);
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version}` }));

  const compare = async () => {
    if (from === undefined) return;
    setBusy(true);
    try {
      setDiff({ diff: await catalogApi.diff(entry.id, from, to), from, to });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const items = versions.map((v) => {
    const reviews = entry.reviews.filter((r) => r.version === v.version);
    return {
      key: v.version,
      color:
        v.status === 'published'
          ? 'green'
          : v.status === 'returned' || v.status === 'rejected'
            ? 'red'
            : 'blue',
      content: (
        <div data-testid={`version-${v.version}`}>
          <Space size={8} wrap>
            <Typography.Text strong>v{v.version}</Typography.Text>
            <VersionStatusTag status={v.status} />
            <Typography.Text type="secondary">{formatDateTime(v.createdAt, i18n.language)}</Typography.Text>
            {entry.publishedVersion === v.version && (
              <Typography.Text type="success">{t('catalog.versions.inForce')}</Typography.Text>
            )}
          </Space>
          {v.changeReason && (
            <div>
              <Typography.Text type="secondary">{t('catalog.versions.changeReason')}：</Typography.Text>
              {v.changeReason}
            </div>
          )}
          {v.reductions.length > 0 && (
            <div>
              <Typography.Text type="warning">{t('catalog.versions.reducesShort')}：</Typography.Text>
              {v.reductions.join('；')}
            </div>
          )}
          {reviews.length > 0 && (
            <ul style={{ margin: '6px 0 0', paddingInlineStart: 18, color: '#475569' }}>
              {reviews.map((r) => (
                <li key={`${r.action}-${r.at}`}>
                  <Typography.Text style={{ color: REVIEW_COLORS[r.action] ?? 'inherit' }}>
                    {t(`catalog.reviewActions.${r.action as 'submit'}`, { defaultValue: r.action })}
                  </Typography.Text>{' '}
                  · {r.actorName} · {formatDateTime(r.at, i18n.language)}
                  {r.comment && <div style={{ color: '#334155' }}>“{r.comment}”</div>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ),
    };
  });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        {items.length > 0 ? <Timeline items={items} data-testid="entry-versions" /> : <Empty />}
      </Col>
      <Col xs={24} lg={15}>
        <Card size="small" title={t('catalog.versions.compare')}>
          {versions.length > 1 && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                style={{ width: 110 }}
                value={from}
                onChange={setFrom}
                options={options}
                placeholder={t('catalog.versions.from')}
                data-testid="diff-from"
              />
              <span>→</span>
              <Select
                style={{ width: 110 }}
                value={to}
                onChange={setTo}
                options={options}
                data-testid="diff-to"
              />
              <Button
                icon={<DiffOutlined />}
                onClick={compare}
                loading={busy}
                disabled={from === undefined || from === to}
                data-testid="diff-compare"
              >
                {t('catalog.versions.compareButton')}
              </Button>
            </Space>
          )}
          {diff ? (
            <DiffView diff={diff.diff} from={diff.from} to={diff.to} />
          ) : (
            <Typography.Text type="secondary">
              {versions.length > 1 ? t('catalog.versions.pickTwo') : t('catalog.versions.onlyOne')}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
