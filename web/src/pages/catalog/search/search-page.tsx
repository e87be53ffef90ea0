import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, Pagination, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Facet } from '../../../api/catalog.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { FACET_PARAM, FacetPanel } from './facet-panel.tsx';
import { ResultCard } from './result-card.tsx';

const PAGE_SIZE = 10;

/** 资源目录: full-text search with facets; the whole query lives in the URL. */
export function SearchPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);

  const query = new URLSearchParams(params);
  query.set('pageSize', String(PAGE_SIZE));
  const result = useApi(`/catalog/search?${query.toString()}`);

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    next.delete('page');
    setParams(next);
  };
  const selected = (facet: Facet) => params.getAll(FACET_PARAM[facet]);
  const data = result.data;

  return (
    <>
      <PageHeader
        title={t('catalog.search.title')}
        subtitle={t('catalog.search.subtitle')}
        extra={
          can('catalog.manage') && (
            <Link to="/catalog/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="catalog-new">
                {t('catalog.editor.newTitle')}
              </Button>
            </Link>
          )
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Input.Search
          size="large"
          allowClear
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('catalog.search.placeholder')}
          enterButton={
            <Button type="primary" icon={<SearchOutlined />} data-testid="catalog-search-submit">
              {t('common.search')}
            </Button>
          }
          onSearch={(value) =>
            update((next) => {
              if (value.trim()) next.set('q', value.trim());
              else next.delete('q');
            })
          }
          data-testid="catalog-search"
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('catalog.search.hint')}
        </Typography.Text>
      </Card>
      <ErrorAlert error={result.error} onRetry={result.reload} />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6}>
          <Card variant="borderless" title={t('catalog.search.filters')} size="small">
            <FacetPanel
              facets={data?.facets}
              loading={result.loading}
              selected={selected}
              onChange={(facet, values) =>
                update((next) => {
                  // The service filters on one value per facet: a newly checked value replaces the old.
                  const added = values.find((v) => !selected(facet).includes(v));
                  if (added) next.set(FACET_PARAM[facet], added);
                  else next.delete(FACET_PARAM[facet]);
                })
              }
              onClear={() =>
                update((next) => {
                  for (const param of Object.values(FACET_PARAM)) next.delete(param);
                })
              }
            />
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18}>
          <Card variant="borderless" size="small">
            <Space
              style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}
              data-testid="catalog-result-count"
            >
              <Typography.Text>
                {data
                  ? q
                    ? t('catalog.search.found', { count: data.total, q })
                    : t('catalog.search.latest', { count: data.total })
                  : '\u00a0'}
              </Typography.Text>
            </Space>
            {!data && result.loading ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : data && data.items.length > 0 ? (
              <div data-testid="catalog-results" style={{ opacity: result.loading ? 0.6 : 1 }}>
                {data.items.map((hit) => (
                  <ResultCard key={hit.id} hit={hit} />
                ))}
              </div>
            ) : (
              <Empty
                description={q ? t('catalog.search.emptyQuery', { q }) : t('catalog.search.empty')}
                data-testid="catalog-results-empty"
              />
            )}
            {data && data.total > PAGE_SIZE && (
              <Pagination
                style={{ marginTop: 16, textAlign: 'right' }}
                current={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                showTotal={(count) => t('common.total', { count })}
                onChange={(next) => {
                  const nextParams = new URLSearchParams(params);
                  nextParams.set('page', String(next));
                  setParams(nextParams);
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
