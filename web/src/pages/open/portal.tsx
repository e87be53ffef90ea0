import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  List,
  Pagination,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../layout/language-switch.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

/**
 * The public open data portal (R109, R110): no sign-in and no signed-in shell. Home with a search
 * box and themes/providers to browse, search results with facets and pagination, a dataset page
 * with downloads, and a page for developers (CKAN, DCAT, downloads).
 */
export function OpenPortal() {
  const { t } = useTranslation();
  // The session provider clears cached answers until it knows who is there (nobody, here); the
  // portal loads after that, so its first answers are not cleared under it.
  const { me } = useSession();
  useEffect(() => {
    document.title = t('opendata.title');
  }, [t]);
  if (me === undefined)
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  return (
    <div className="gs-open" data-testid="open-portal">
      <header className="gs-open-header">
        <Link to="/open" className="gs-open-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('opendata.title')}</span>
        </Link>
        <nav className="gs-open-nav" aria-label={t('opendata.title')}>
          <Link to="/open">{t('opendata.home')}</Link>
          <Link to="/open/developers" data-testid="open-developers-link">
            {t('opendata.developers')}
          </Link>
          <Link to="/login">{t('opendata.signIn')}</Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main className="gs-open-main">
        <Routes>
          <Route index element={<OpenHome />} />
          <Route path="search" element={<OpenSearch />} />
          <Route path="datasets/:classCode/:seq" element={<OpenDataset />} />
          <Route path="developers" element={<OpenDevelopers />} />
          <Route path="*" element={<Result status="404" title={t('opendata.notFound')} />} />
        </Routes>
      </main>
      <footer className="gs-open-footer">{t('app.footer')}</footer>
    </div>
  );
}

function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Input.Search
      size="large"
      defaultValue={initial}
      placeholder={t('opendata.searchPlaceholder')}
      enterButton={
        <span>
          <SearchOutlined /> {t('opendata.search')}
        </span>
      }
      maxLength={200}
      aria-label={t('opendata.search')}
      data-testid="open-search-box"
      onSearch={(q) => navigate(`/open/search?${new URLSearchParams(q.trim() ? { q: q.trim() } : {})}`)}
    />
  );
}

function OpenHome() {
  const { t } = useTranslation();
  const all = useApi('/open/search?pageSize=1');
  return (
    <>
      <section className="gs-open-hero">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('opendata.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('opendata.subtitle')}</Typography.Paragraph>
        <SearchBox />
      </section>
      {all.loading && !all.data ? (
        <Spin />
      ) : (
        <div className="gs-open-browse">
          <Card title={t('opendata.themes')} size="small" data-testid="open-themes">
            <Space wrap>
              {all.data?.facets.themes.map((f) => (
                <Link key={f.code} to={`/open/search?theme=${encodeURIComponent(f.code)}`}>
                  <Tag color="blue">
                    {f.label} · {f.count}
                  </Tag>
                </Link>
              ))}
            </Space>
          </Card>
          <Card title={t('opendata.providers')} size="small" data-testid="open-providers">
            <Space wrap>
              {all.data?.facets.providers.map((f) => (
                <Link key={f.code} to={`/open/search?provider=${encodeURIComponent(f.code)}`}>
                  <Tag>
                    {f.label} · {f.count}
                  </Tag>
                </Link>
              ))}
            </Space>
          </Card>
        </div>
      )}
    </>
  );
}

const PAGE_SIZE = 10;

function OpenSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams(params);
  query.set('pageSize', String(PAGE_SIZE));
  const result = useApi(`/open/search?${query.toString()}`);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const facet = (
    key: 'theme' | 'provider',
    title: string,
    values: { code: string; label: string; count: number }[],
  ) => (
    <Card size="small" title={title} data-testid={`open-facet-${key}`}>
      <Space wrap>
        <Tag.CheckableTag checked={!params.get(key)} onChange={() => set(key, undefined)}>
          {t('opendata.all')}
        </Tag.CheckableTag>
        {values.map((f) => (
          <Tag.CheckableTag
            key={f.code}
            checked={params.get(key) === f.code}
            onChange={(checked) => set(key, checked ? f.code : undefined)}
          >
            {f.label} ({f.count})
          </Tag.CheckableTag>
        ))}
      </Space>
    </Card>
  );
  return (
    <>
      <SearchBox key={params.get('q') ?? ''} initial={params.get('q') ?? ''} />
      {result.error && (
        <Alert type="error" showIcon message={result.error.message} style={{ marginTop: 16 }} />
      )}
      <div className="gs-open-results">
        <aside className="gs-open-facets">
          {facet('theme', t('opendata.theme'), result.data?.facets.themes ?? [])}
          {facet('provider', t('opendata.provider'), result.data?.facets.providers ?? [])}
        </aside>
        <section>
          <Typography.Text type="secondary" data-testid="open-count">
            {t('opendata.results', { count: result.data?.total ?? 0 })}
          </Typography.Text>
          <List
            loading={result.loading}
            dataSource={result.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('opendata.noResults')} /> }}
            data-testid="open-results"
            renderItem={(item) => (
              <List.Item key={item.code}>
                <List.Item.Meta
                  title={
                    <Link to={`/open/datasets/${item.code}`} data-testid="open-result-link">
                      {item.name}
                    </Link>
                  }
                  description={
                    <>
                      <div>{item.summary}</div>
                      <Space wrap size={4} style={{ marginTop: 4 }}>
                        <Tag color="blue">{item.theme.label}</Tag>
                        <Tag>{item.provider.name}</Tag>
                        <Tag>
                          {t('opendata.updateCycle')}：{item.updateCycle.label}
                        </Tag>
                      </Space>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {(result.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={result.data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              }}
            />
          )}
        </section>
      </div>
    </>
  );
}

function OpenDataset() {
  const { t } = useTranslation();
  const { classCode = '', seq = '' } = useParams();
  const loaded = useApi(`/open/resources/${classCode}/${seq}`);
  if (loaded.error)
    return <Result status="404" title={t('opendata.notFound')} subTitle={loaded.error.message} />;
  const d = loaded.data;
  if (!d) return <Spin />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="open-dataset">
      <Link to="/open/search">← {t('opendata.back')}</Link>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="open-dataset-name">
          {d.name}
        </Typography.Title>
        <Typography.Paragraph>{d.summary}</Typography.Paragraph>
        <Space wrap size={4}>
          {d.keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Space>
      </div>
      <Card size="small" title={t('opendata.downloads')} data-testid="open-downloads">
        {d.downloads.length > 0 ? (
          <Space wrap>
            {d.downloads.map((dl) => (
              <Button
                key={dl.format}
                type="primary"
                icon={<DownloadOutlined />}
                href={new URL(dl.url).pathname}
                data-testid={`open-download-${dl.format}`}
              >
                {dl.format.toUpperCase()}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('opendata.notHosted')}</Typography.Text>
        )}
      </Card>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('opendata.provider')}>{d.provider.name}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.theme')}>{d.theme.label}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.updateCycle')}>{d.updateCycle.label}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.format')}>{d.format}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.basis')}>
          {t(`opendata.bases.${d.basisCode}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('opendata.conditions')}>{d.conditions ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.licence')}>
          {d.conditions
            ? t('opendata.licenceConditions', { conditions: d.conditions })
            : t('opendata.licenceOpen')}
        </Descriptions.Item>
        <Descriptions.Item label={t('opendata.publishedAt')}>
          {d.freshness.publishedAt.slice(0, 10)}
        </Descriptions.Item>
        <Descriptions.Item label={t('opendata.dataChangedAt')}>
          {d.freshness.dataChangedAt?.slice(0, 10) ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('opendata.rows')}>{d.rows ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('opendata.links')}>
          <Space wrap>
            <a href={new URL(d.links.dcat).pathname}>DCAT</a>
            <a href={`/api/3/action/package_show?id=${d.code.replace('/', '-')}`}>CKAN</a>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        scroll={{ x: true }}
        title={() => t('opendata.items')}
        dataSource={d.items}
        data-testid="open-items"
        columns={[
          { title: t('opendata.itemName'), dataIndex: 'name' },
          { title: t('opendata.itemType'), dataIndex: 'dataType' },
          { title: t('opendata.itemLength'), dataIndex: 'length', render: (v?: number) => v ?? '—' },
        ]}
      />
    </Space>
  );
}

function Example({ title, text, curl }: { title: string; text: string; curl: string[] }) {
  return (
    <Card size="small" title={title}>
      <Typography.Paragraph>{text}</Typography.Paragraph>
      {curl.map((line) => (
        <pre key={line} className="gs-open-code">
          {line}
        </pre>
      ))}
    </Card>
  );
}

function OpenDevelopers(): ReactNode {
  const { t } = useTranslation();
  const [origin] = useState(() => window.location.origin);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="open-developers">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('opendata.developers')}
      </Typography.Title>
      <Typography.Paragraph>{t('opendata.devIntro')}</Typography.Paragraph>
      <Example
        title={t('opendata.devCkan')}
        text={t('opendata.devCkanText')}
        curl={[
          `curl '${origin}/api/3/action/package_search?q=%E7%BB%9F%E8%AE%A1&rows=10&facet.field=%5B%22organization%22%2C%22tags%22%5D'`,
          `curl -X POST -H 'content-type: application/json' -d '{"q":"统计","fq":"res_format:CSV","facet.field":["organization"]}' '${origin}/api/3/action/package_search'`,
          `curl '${origin}/api/3/action/package_show?id=101001-000001'`,
          `curl '${origin}/api/3/action/organization_list?all_fields=true'`,
        ]}
      />
      <Example
        title={t('opendata.devDcat')}
        text={t('opendata.devDcatText')}
        curl={[
          `curl '${origin}/api/v1/open/catalog.jsonld'`,
          `curl '${origin}/api/v1/open/datasets/101001/000001'`,
        ]}
      />
      <Example
        title={t('opendata.devDownloads')}
        text={t('opendata.devDownloadsText')}
        curl={[
          `curl -OJ '${origin}/api/v1/open/resources/101001/000001/data.csv'`,
          `curl '${origin}/api/v1/open/resources/101001/000001/data.ndjson'`,
        ]}
      />
      <Example
        title={t('opendata.devSearch')}
        text={t('opendata.devSearchText')}
        curl={[`curl '${origin}/api/v1/open/search?q=%E5%8F%82%E4%BF%9D&page=1&pageSize=10'`]}
      />
    </Space>
  );
}
