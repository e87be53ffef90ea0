import { Alert, Card, Descriptions, Empty, Grid, Input, List, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeValue,
  isPending,
  itemName,
  type Lang,
  outcomeName,
  pendingNote,
  sectionName,
} from '../../../src/platform/profiles/labels.ts';
import type { ResponseOf } from '../api/contract.ts';
import { isEnglish } from '../i18n/index.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import { profileHead } from '../lib/profile.ts';
import { useApi } from '../lib/use-api.ts';
import { useProfile } from '../lib/use-profile.ts';

type Profile = ResponseOf<'/profile'>;
type EffectiveBlock = NonNullable<Profile['effective']>;
type Entry = EffectiveBlock['values'][number];
type Side = NonNullable<Entry['local']>;

/** One row: a cited value of the effective profile with how it was chosen (R123). */
interface Row {
  path: string;
  leaf: Side & { note?: string; source?: string };
  entry?: Entry;
}

const pick = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
/** A note written in English ("… may be read as …"): not shown on the zh-CN page. */
const ENGLISH_PROSE = /[A-Za-z]{2,}\s+[A-Za-z]{2,}/;
const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text) && !ENGLISH_PROSE.test(text);

/** The profile's own text, without the English half ("未规定 / not specified") on the zh-CN page. */
function plainText(text: string | undefined, lang: Lang): string {
  if (!text) return '—';
  if (lang === 'en') return text;
  return text.split(' / ')[0] ?? text;
}

function rowsOf(profile: Profile | undefined): Row[] {
  const rows: Row[] = [];
  const effective = profile?.effective;
  const entries = new Map((effective?.values ?? []).map((e) => [e.path, e]));
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const record = node as Record<string, unknown>;
    if ('article' in record && 'text' in record && 'value' in record) {
      if (path !== '/inForce')
        rows.push({ path, leaf: record as unknown as Row['leaf'], entry: entries.get(path) });
      return;
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'effective') walk(child, `${path}/${key}`);
  };
  walk(profile, '');
  return rows;
}

/**
 * The policy profile in force as the platform runs it: the local profile on top of 政务数据共享条例
 * (国务院令第809号). Each value with its article and source, each local value the national one
 * replaced marked, and a warning when the profile has ended. zh-CN shows no field names, enum
 * values or English notes.
 */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const lang: Lang = en ? 'en' : 'zh';
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const profile = useProfile();
  const status = useApi(profile.data === undefined ? null : '/profile/status');
  const [filter, setFilter] = useState('');
  const head = profileHead(profile.data, en);
  const effective = profile.data?.effective;
  const localId = effective?.local ?? head.id;
  const layered = effective !== undefined && effective.local !== effective.national;
  const allRows = rowsOf(profile.data);
  // Provisions transcribed but not yet enforced are information, listed apart from the configuration.
  const rows = allRows.filter((r) => !isPending(r.path));
  const pending = allRows.filter((r) => isPending(r.path));
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? rows.filter((r) =>
        [
          itemName(r.path, lang),
          sectionName(r.path, lang),
          describeValue(r.path, r.leaf, lang),
          r.leaf.article ?? '',
          r.leaf.text,
          r.entry ? outcomeName(r.entry.outcome, lang) : '',
        ]
          .join(' ')
          .toLowerCase()
          .includes(needle),
      )
    : rows;
  const overrides = rows.filter((r) => r.entry?.overridden).length;

  const sourceTag = (row: Row) => {
    const source = row.entry?.source ?? row.leaf.source ?? localId;
    const national = source === effective?.national && layered;
    return (
      <Tag color={national ? 'red' : 'blue'} data-testid="policy-source">
        {national ? pick(lang, '国家规定', 'National') : pick(lang, '本地规定', 'Local')}
      </Tag>
    );
  };

  const explanation = (row: Row) => {
    const entry = row.entry;
    if (!entry || !layered) return null;
    const local = entry.local;
    const national = entry.national;
    return (
      <div style={{ marginTop: 4 }}>
        <Tag
          color={entry.overridden ? 'orange' : entry.source === effective?.national ? 'default' : 'green'}
          data-testid={entry.overridden ? 'policy-override' : undefined}
          style={{ whiteSpace: 'normal' }}
        >
          {outcomeName(entry.outcome, lang)}
        </Tag>
        {entry.source === effective?.national && local && entry.outcome !== 'local_absent' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(lang, '本地：', 'Local: ')}
            {describeValue(row.path, local, lang)}（{local.article ?? pick(lang, '未规定', 'not specified')}）
          </Typography.Text>
        )}
        {entry.source !== effective?.national &&
          national &&
          (entry.outcome === 'local_stricter' || entry.outcome === 'same') && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pick(lang, '国家：', 'National: ')}
              {describeValue(row.path, national, lang)}（{national.article ?? '—'}）
            </Typography.Text>
          )}
      </div>
    );
  };

  const article = (row: Row) =>
    row.leaf.article ? (
      <Tag color="geekblue" style={{ whiteSpace: 'normal' }}>
        {row.leaf.article}
      </Tag>
    ) : (
      <Tag>{t('policy.noArticle')}</Tag>
    );

  const quote = (row: Row) => (
    <>
      <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true }}>
        {plainText(row.leaf.text, lang)}
      </Typography.Paragraph>
      {row.leaf.note && (en || isChinese(row.leaf.note)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.leaf.note}
        </Typography.Text>
      )}
    </>
  );

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
          {status.data?.expired && (
            <Alert
              type="error"
              showIcon
              data-testid="policy-expired"
              style={{ marginBottom: 16 }}
              title={pick(
                lang,
                `本实例所用政策配置「${head.name ?? head.id}」已于 ${status.data.inForce.until} 期满失效`,
                `The profile ${head.name ?? head.id} expired on ${status.data.inForce.until}`,
              )}
              description={pick(
                lang,
                '失效配置中的本地规定仅供参考；国家规定（政务数据共享条例）照常适用。请由平台管理单位核对现行规定，必要时用 govshare profile set 更换配置。',
                'Its local rules are for reference only; the national regulation applies as usual. The operator should check the rules in force and change the profile with govshare profile set.',
              )}
            />
          )}
          {status.data?.notYetInForce && (
            <Alert
              type="warning"
              showIcon
              data-testid="policy-not-yet"
              style={{ marginBottom: 16 }}
              title={pick(
                lang,
                `本配置自 ${status.data.inForce.from} 起施行，尚未生效`,
                `In force only from ${status.data.inForce.from}`,
              )}
            />
          )}
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
                ...(layered
                  ? [
                      {
                        key: 'base',
                        label: pick(lang, '上位规定', 'Above it'),
                        children: effective?.nationalInstrument ?? '—',
                      },
                    ]
                  : []),
              ]}
            />
            {layered && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="policy-precedence"
                title={pick(
                  lang,
                  `生效规则：本地规定叠加${effective?.nationalInstrument}。本地期限较短（较严）的适用本地规定；本地未规定或规定较宽的适用国家规定。共 ${overrides} 项本地规定由国家规定取代（橙色标记）。`,
                  `Local rules on top of ${effective?.nationalInstrument}: a shorter local period applies; where the local text is silent or weaker the national rule applies. ${overrides} local values are overridden (orange).`,
                )}
              />
            )}
            {head.caveats.some((c) => en || isChinese(c)) && (
              <Alert
                type="warning"
                showIcon
                title={t('policy.caveats')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {head.caveats
                      .filter((c) => en || isChinese(c))
                      .map((caveat) => (
                        <li key={caveat}>{caveat}</li>
                      ))}
                  </ul>
                }
                style={{ marginTop: 12 }}
              />
            )}
          </Card>
          <Card variant="borderless" styles={{ body: narrow ? { padding: 12 } : {} }}>
            <Input.Search
              allowClear
              placeholder={t('policy.filter')}
              onChange={(e) => setFilter(e.target.value)}
              style={{ width: narrow ? '100%' : 320, marginBottom: 16 }}
            />
            {narrow ? (
              <List<Row>
                data-testid="policy-list"
                dataSource={shown}
                locale={{ emptyText: <Empty description={t('policy.empty')} /> }}
                renderItem={(row) => (
                  <List.Item key={row.path} style={{ display: 'block', paddingInline: 0 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {sectionName(row.path, lang)}
                    </Typography.Text>
                    <div>
                      <Typography.Text strong>{itemName(row.path, lang)}</Typography.Text>
                    </div>
                    <div style={{ margin: '4px 0' }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {describeValue(row.path, row.leaf, lang)}
                      </Typography.Text>
                    </div>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                      {article(row)}
                      {layered && sourceTag(row)}
                    </div>
                    {explanation(row)}
                    <div style={{ marginTop: 4 }}>{quote(row)}</div>
                  </List.Item>
                )}
              />
            ) : (
              <Table<Row>
                rowKey={(row) => row.path}
                size="middle"
                data-testid="policy-table"
                dataSource={shown}
                pagination={false}
                locale={{ emptyText: <Empty description={t('policy.empty')} /> }}
                rowClassName={(row) => (row.entry?.overridden ? 'policy-overridden' : '')}
                columns={[
                  {
                    title: t('policy.section'),
                    key: 'section',
                    width: 110,
                    render: (_, row) => <Tag bordered={false}>{sectionName(row.path, lang)}</Tag>,
                  },
                  {
                    title: t('policy.item'),
                    key: 'item',
                    width: '20%',
                    render: (_, row) => itemName(row.path, lang),
                  },
                  {
                    title: pick(lang, '生效值', 'Effective value'),
                    key: 'value',
                    width: '24%',
                    render: (_, row) => (
                      <>
                        <Typography.Text strong>{describeValue(row.path, row.leaf, lang)}</Typography.Text>
                        {explanation(row)}
                      </>
                    ),
                  },
                  {
                    title: t('policy.article'),
                    key: 'article',
                    width: 150,
                    render: (_, row) => article(row),
                  },
                  ...(layered
                    ? [
                        {
                          title: pick(lang, '来源', 'Source'),
                          key: 'source',
                          width: 90,
                          render: (_: unknown, row: Row) => sourceTag(row),
                        },
                      ]
                    : []),
                  {
                    title: t('policy.text'),
                    key: 'text',
                    render: (_, row) => quote(row),
                  },
                ]}
              />
            )}
          </Card>
          {pending.length > 0 && (
            <Card
              variant="borderless"
              title={t('policy.pendingTitle')}
              data-testid="policy-pending"
              style={{ marginTop: 16 }}
              styles={{ body: narrow ? { padding: 12 } : {} }}
            >
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('policy.pendingIntro')} />
              <List<Row>
                dataSource={pending}
                renderItem={(row) => (
                  <List.Item key={row.path} style={{ display: 'block', paddingInline: 0 }}>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline' }}>
                      <Tag bordered={false}>{sectionName(row.path, lang)}</Tag>
                      <Typography.Text strong>{itemName(row.path, lang)}</Typography.Text>
                      <Typography.Text>{describeValue(row.path, row.leaf, lang)}</Typography.Text>
                      {article(row)}
                      <Tag color="purple" data-testid="policy-pending-issue" style={{ whiteSpace: 'normal' }}>
                        {pendingNote(row.path, lang)}
                      </Tag>
                    </div>
                    <div style={{ marginTop: 4 }}>{quote(row)}</div>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
