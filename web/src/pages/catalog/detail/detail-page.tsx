import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { EntryDetail } from '../../../api/catalog.ts';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { ApplyButton } from '../../sharing/apply/apply-button.tsx';
import { DocumentationInfo } from '../documentation.tsx';
import { GradingTag, HeadApprovalView, PreparationCard, ReviewDeadlineAlert } from '../national.tsx';
import { RevisionTag, ShareTypeTag, StatusTag } from '../tags.tsx';
import { useVocabulary } from '../vocabulary.ts';
import { BasicInfo, ItemsTable, OpenInfo, ShareInfo } from './content-tabs.tsx';
import { EntryActions } from './entry-actions.tsx';
import { VersionsTab } from './versions-tab.tsx';

/** A resource as its reader may see it: header, five tabs, and the steps the reader may take. */
export function DetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const vocabulary = useVocabulary();
  const { label } = vocabulary;
  const loaded = useApi(`/catalog/entries/${id}`);
  const [updated, setUpdated] = useState<EntryDetail>();
  const entry = updated?.id === id ? updated : loaded.data;
  const [tab, setTab] = useState('basic');

  if (loaded.error?.status === 404) {
    // The department's head may approve a draft it cannot otherwise read (N02).
    return (
      <HeadApprovalView
        entryId={id}
        notFound={
          <Result
            status="404"
            title="404"
            subTitle={loaded.error.message}
            extra={
              <Link to="/catalog">
                <Button type="primary">{t('catalog.detail.backToSearch')}</Button>
              </Link>
            }
          />
        }
      />
    );
  }
  if (!entry) {
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active paragraph={{ rows: 12 }} />
      </>
    );
  }
  const content = entry.content;
  const showsDraft = entry.publishedVersion !== null && entry.currentVersion !== entry.publishedVersion;

  return (
    <>
      <Link to="/catalog" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('catalog.detail.backToSearch')}
      </Link>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div className="gs-entry-head">
          <div>
            <Space size={8} wrap>
              <Typography.Text code copyable data-testid="entry-code">
                {entry.code}
              </Typography.Text>
              <StatusTag status={entry.status} />
              <RevisionTag entry={entry} />
              <ShareTypeTag type={entry.shareType} />
              {entry.openToPublic && <Tag color="blue">{t('catalog.common.openToPublic')}</Tag>}
              {entry.classified && <Tag color="magenta">{t('catalog.common.classified')}</Tag>}
              <GradingTag entry={entry} vocabulary={vocabulary} />
            </Space>
            <h1 data-testid="entry-name">{content.name}</h1>
            <Space size={16} wrap style={{ color: '#475569' }}>
              <span data-testid="entry-provider">
                {t('catalog.fields.provider')}：{entry.provider.name}
              </span>
              <span>
                {t('catalog.fields.catalogClass')}：{label('catalogClasses', entry.catalogClass)}
              </span>
              <span>
                {entry.publishedVersion === null
                  ? t('catalog.detail.versionUnpublished', { current: entry.currentVersion })
                  : t('catalog.detail.version', {
                      current: entry.currentVersion,
                      published: entry.publishedVersion,
                    })}
              </span>
            </Space>
          </div>
          <Space align="start" wrap>
            <ApplyButton entry={entry} />
            <EntryActions
              entry={entry}
              onDone={(next) => {
                setUpdated(next);
                loaded.reload();
              }}
            />
          </Space>
        </div>
      </Card>
      {entry.pendingReduction && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="entry-pending-reduction"
          title={t('catalog.detail.pendingReduction', { version: entry.pendingReduction.version })}
          description={
            <>
              {entry.pendingReduction.changeReason && (
                <div>
                  {t('catalog.versions.changeReason')}：{entry.pendingReduction.changeReason}
                </div>
              )}
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {entry.pendingReduction.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          }
        />
      )}
      <ReviewDeadlineAlert entry={entry} />
      <PreparationCard
        key={`${entry.id}:${entry.currentVersion}:${entry.updatedAt}`}
        entryId={entry.id}
        onChanged={loaded.reload}
      />
      {entry.status === 'withdrawn' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('catalog.detail.withdrawn')} />
      )}
      {showsDraft && entry.status !== 'withdrawn' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('catalog.detail.showsDraft')} />
      )}
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          data-testid="entry-tabs"
          items={[
            {
              key: 'basic',
              label: t('catalog.detail.tabs.basic'),
              children: <BasicInfo entry={entry} content={content} />,
            },
            {
              key: 'items',
              label: `${t('catalog.detail.tabs.items')} (${content.items.length})`,
              children: <ItemsTable content={content} />,
            },
            {
              key: 'share',
              label: t('catalog.detail.tabs.share'),
              children: <ShareInfo content={content} />,
            },
            { key: 'open', label: t('catalog.detail.tabs.open'), children: <OpenInfo content={content} /> },
            {
              key: 'documentation',
              label: t('catalog.detail.tabs.documentation'),
              children: <DocumentationInfo content={content} />,
            },
            {
              key: 'versions',
              label: `${t('catalog.detail.tabs.versions')} (${entry.versions.length})`,
              children: <VersionsTab entry={entry} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
