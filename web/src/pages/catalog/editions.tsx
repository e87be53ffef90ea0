import './catalog.css';
import { BookOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { catalogApi, catalogLinks, type EditionEntry, type EditionSummary } from '../../api/catalog.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { ShareTypeTag } from './tags.tsx';

function Exports({ edition }: { edition: number }) {
  return (
    <Space size={4}>
      {(['xlsx', 'json'] as const).map((format) => (
        <a
          key={format}
          href={catalogLinks.editionExport(edition, format)}
          download
          data-testid={`edition-${edition}-${format}`}
        >
          <Button size="small" icon={<DownloadOutlined />}>
            {format.toUpperCase()}
          </Button>
        </a>
      ))}
    </Space>
  );
}

/** 共享目录: the instance-wide shared catalog, compiled from published entries, edition by edition. */
export function EditionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const showError = useShowError();
  const list = useApi('/catalog/editions');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<number>();

  const compile = async () => {
    setBusy(true);
    try {
      const edition = await catalogApi.compileEdition();
      void message.success(
        t('catalog.editions.compiled', { edition: edition.edition, count: edition.entryCount }),
      );
      list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('catalog.editions.title')}
        subtitle={t('catalog.editions.subtitle')}
        extra={
          can('catalog.edition.compile') && (
            <Popconfirm title={t('catalog.editions.compileConfirm')} onConfirm={compile}>
              <Button type="primary" icon={<BookOutlined />} loading={busy} data-testid="edition-compile">
                {t('catalog.editions.compile')}
              </Button>
            </Popconfirm>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Table<EditionSummary>
          rowKey="edition"
          size="middle"
          loading={list.loading}
          dataSource={[...(list.data ?? [])].sort((a, b) => b.edition - a.edition)}
          data-testid="edition-table"
          locale={{ emptyText: <Empty description={t('catalog.editions.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('catalog.editions.edition'),
              dataIndex: 'edition',
              render: (edition: number) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(edition)}>
                  {t('catalog.editions.editionNo', { edition })}
                </Button>
              ),
            },
            {
              title: t('catalog.editions.compiledAt'),
              dataIndex: 'compiledAt',
              render: (at: string) => formatDateTime(at, i18n.language),
            },
            { title: t('catalog.editions.entryCount'), dataIndex: 'entryCount' },
            {
              title: t('catalog.editions.digest'),
              dataIndex: 'digest',
              render: (digest: string) => (
                <Typography.Text code copyable={{ text: digest }} style={{ fontSize: 11 }}>
                  {digest.slice(0, 16)}…
                </Typography.Text>
              ),
            },
            {
              title: t('catalog.common.export.title'),
              key: 'export',
              render: (_, row) => <Exports edition={row.edition} />,
            },
          ]}
        />
      </Card>
      <EditionDrawer edition={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function EditionDrawer({ edition, onClose }: { edition: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useApi(edition === undefined ? null : `/catalog/editions/${edition}`);
  return (
    <Drawer
      open={edition !== undefined}
      onClose={onClose}
      size="large"
      title={edition !== undefined && t('catalog.editions.editionNo', { edition })}
      extra={edition !== undefined && <Exports edition={edition} />}
    >
      <ErrorAlert error={detail.error} />
      {detail.data && (
        <Alert
          type={detail.data.digestValid ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="edition-digest"
          title={
            detail.data.digestValid ? t('catalog.editions.digestValid') : t('catalog.editions.digestInvalid')
          }
          description={
            <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>
              {detail.data.digest}
            </Typography.Text>
          }
        />
      )}
      <Table<EditionEntry>
        rowKey="entryId"
        size="small"
        loading={detail.loading}
        dataSource={detail.data?.entries ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('catalog.fields.code'),
            dataIndex: 'code',
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          {
            title: t('catalog.fields.name'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={`/catalog/entries/${row.entryId}`}>{name}</Link>,
          },
          {
            title: t('catalog.fields.provider'),
            dataIndex: 'provider',
            render: (p: EditionEntry['provider']) => p.name,
          },
          { title: 'v', dataIndex: 'version', width: 50 },
          {
            title: t('catalog.fields.shareType'),
            dataIndex: 'shareType',
            render: (type: EditionEntry['shareType']) => <ShareTypeTag type={type} />,
          },
        ]}
      />
    </Drawer>
  );
}
