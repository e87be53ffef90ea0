import { Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { CIRCULARS_PATH, type Circular } from '../../api/violations.ts';
import { isEnglish } from '../../i18n/index.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SealedDocument } from '../../lib/sealed-document.tsx';
import { useApi } from '../../lib/use-api.ts';
import { NotFoundPage } from '../not-found.tsx';
import '../../lib/document-sheet.css';
import './circulars.css';

/** 通报 (N20) at `/supervision/circulars`: the published circulars; one, printable, at `:id`. */
export function CircularsPage() {
  return (
    <Routes>
      <Route index element={<CircularList />} />
      <Route path=":id" element={<CircularSheet />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function CircularList() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useApi(CIRCULARS_PATH, { page, pageSize: 20 });
  return (
    <>
      <PageHeader title={t('violations.circulars.title')} subtitle={t('violations.circulars.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Circular>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        data-testid="circulars-table"
        locale={{ emptyText: <Empty description={t('violations.circulars.empty')} /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('violations.circulars.number'), key: 'number', width: 150, render: (_, c) => c.number },
          {
            title: t('violations.circulars.heading'),
            key: 'title',
            render: (_, c) => (
              <Link to={`/supervision/circulars/${c.id}`} data-testid={`circular-link-${c.number}`}>
                {c.title}
              </Link>
            ),
          },
          {
            title: t('violations.circulars.respondent'),
            key: 'respondent',
            render: (_, c) => c.content.respondent,
          },
          {
            title: t('violations.circulars.publishedAt'),
            key: 'published',
            render: (_, c) => formatDateTime(c.publishedAt, i18n.language),
          },
        ]}
      />
    </>
  );
}

/** One circular as an A4 document: its frozen text, the digest and whether the stored text matches it. */
function CircularSheet() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const circular = useApi(`${CIRCULARS_PATH}/${encodeURIComponent(id)}`);
  const en = isEnglish(i18n.language);
  return (
    <SealedDocument
      loaded={circular}
      back={{ to: '/supervision/circulars', label: t('violations.circulars.back') }}
      print={{ label: t('violations.circulars.print'), testId: 'circular-print' }}
      tampered={t('violations.circulars.tampered')}
    >
      {(c) => {
        const { content } = c;
        return (
          <article className="gs-sheet gs-circular-sheet" data-testid="circular-sheet">
            <h1>{c.title}</h1>
            <div className="gs-sheet-number">{c.number}</div>
            <h2>{t('violations.circulars.respondent')}</h2>
            <p>{content.respondent}</p>
            <h2>{t('violations.circulars.category')}</h2>
            <p>
              {en ? content.category.label.en : content.category.label.zh}（
              {t('violations.circulars.article')}：{content.category.article}）
            </p>
            <h2>{t('violations.circulars.facts')}</h2>
            <p style={{ whiteSpace: 'pre-wrap' }}>{content.facts}</p>
            {content.order && (
              <>
                <h2>{t('violations.circulars.order')}</h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>{content.order.text}</p>
                <p>
                  {t('violations.circulars.orderCount', { count: content.order.count })}
                  {content.order.dueDate
                    ? `；${t('violations.circulars.due')}：${content.order.dueDate}`
                    : ''}
                </p>
              </>
            )}
            <h2>{t('violations.circulars.outcome')}</h2>
            <p>
              {en ? content.outcome.label.en : content.outcome.label.zh}
              {content.outcome.text ? `：${content.outcome.text}` : ''}
            </p>
            <p style={{ textAlign: 'right', marginTop: 32 }}>
              {content.publishedBy}
              <br />
              {formatDateTime(c.publishedAt, i18n.language)}
            </p>
            <div className="gs-circular-digest" data-testid="circular-digest">
              {t('violations.circulars.digest')}：<code>{c.digest}</code>{' '}
              <Tag color={c.intact ? 'green' : 'red'} data-testid="circular-intact">
                {c.intact ? t('violations.circulars.intact') : t('violations.circulars.tampered')}
              </Tag>
            </div>
          </article>
        );
      }}
    </SealedDocument>
  );
}
