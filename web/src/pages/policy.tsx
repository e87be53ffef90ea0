import { Alert, Card, Descriptions, Empty, Input, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEnglish } from '../i18n/index.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import {
  formatValue,
  itemLabel,
  type ProfileNumber,
  profileHead,
  profileNumbers,
  sectionLabel,
} from '../lib/profile.ts';
import { useProfile } from '../lib/use-profile.ts';

/** The policy profile in force, every number beside the article it comes from. */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const profile = useProfile();
  const [filter, setFilter] = useState('');
  const head = profileHead(profile.data, en);
  const numbers = profileNumbers(profile.data);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? numbers.filter((n) =>
        [
          n.path.join('.'),
          itemLabel(n.path, en),
          sectionLabel(n.path[0] ?? '', en),
          n.article ?? '',
          n.text ?? '',
        ]
          .join(' ')
          .toLowerCase()
          .includes(needle),
      )
    : numbers;

  return (
    <>
      <PageHeader title={t('policy.title')} subtitle={t('policy.subtitle')} />
      <ErrorAlert error={profile.error} onRetry={profile.reload} />
      {profile.loading && <Skeleton active />}
      {!profile.loading && !profile.error && profile.data === undefined && (
        <Card variant="borderless">
          <Empty description={t('policy.empty')} />
        </Card>
      )}
      {profile.data !== undefined && (
        <>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              data-testid="policy-head"
              items={[
                { key: 'name', label: t('policy.name'), children: head.name ?? head.id ?? '—' },
                { key: 'jurisdiction', label: t('policy.jurisdiction'), children: head.jurisdiction ?? '—' },
                { key: 'instrument', label: t('policy.instrument'), children: head.instrument ?? '—' },
                {
                  key: 'effective',
                  label: t('policy.effective'),
                  children: `${head.from ?? '—'} ~ ${head.to ?? t('policy.openEnded')}`,
                },
              ]}
            />
            {head.caveats.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('policy.caveats')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {head.caveats.map((caveat) => (
                      <li key={caveat}>{caveat}</li>
                    ))}
                  </ul>
                }
                style={{ marginTop: 12 }}
              />
            )}
          </Card>
          <Card variant="borderless">
            <Input.Search
              allowClear
              placeholder={t('policy.filter')}
              onChange={(e) => setFilter(e.target.value)}
              style={{ width: 320, marginBottom: 16 }}
            />
            <Table<ProfileNumber>
              rowKey={(row) => row.path.join('.')}
              size="middle"
              data-testid="policy-table"
              dataSource={shown}
              pagination={false}
              locale={{ emptyText: <Empty description={t('policy.empty')} /> }}
              columns={[
                {
                  title: t('policy.section'),
                  key: 'section',
                  width: 130,
                  render: (_, row) => <Tag bordered={false}>{sectionLabel(row.path[0] ?? '', en)}</Tag>,
                },
                {
                  title: t('policy.item'),
                  key: 'item',
                  width: '22%',
                  render: (_, row) => (
                    <>
                      <div>{itemLabel(row.path, en)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <code>{row.path.join('.')}</code>
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: t('policy.value'),
                  key: 'value',
                  width: '18%',
                  render: (_, row) => <Typography.Text strong>{formatValue(row, en)}</Typography.Text>,
                },
                {
                  title: t('policy.article'),
                  dataIndex: 'article',
                  width: 110,
                  render: (article: string | null) =>
                    article ? <Tag color="geekblue">{article}</Tag> : <Tag>{t('policy.noArticle')}</Tag>,
                },
                {
                  title: t('policy.text'),
                  key: 'text',
                  render: (_, row) => (
                    <>
                      <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                        {row.text ?? '—'}
                      </Typography.Paragraph>
                      {row.note && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {row.note}
                        </Typography.Text>
                      )}
                    </>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
