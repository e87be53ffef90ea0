import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Modal, Table, Tag, Typography, Upload } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import type { BodyOf } from '../api/contract.ts';
import type { CalendarYear } from '../api/types.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import { formatDateTime } from '../lib/format.ts';
import { buttonTestId } from '../lib/test-id.ts';
import { useApi } from '../lib/use-api.ts';
import { useSession } from '../session/index.tsx';

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const list = useApi('/calendar/years');
  const [uploading, setUploading] = useState(false);
  const years = [...(list.data?.years ?? [])].sort((a, b) => b.year - a.year);

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          can('calendar.manage') && (
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setUploading(true)}
              data-testid="calendar-upload"
            >
              {t('calendar.upload')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Table<CalendarYear>
          rowKey="year"
          size="middle"
          loading={list.loading}
          dataSource={years}
          pagination={false}
          data-testid="calendar-table"
          locale={{ emptyText: <Empty description={t('calendar.empty')} /> }}
          columns={[
            {
              title: t('calendar.year'),
              dataIndex: 'year',
              width: 120,
              render: (y: number) => <strong>{y}</strong>,
            },
            {
              title: t('calendar.status'),
              dataIndex: 'status',
              width: 140,
              render: (status: CalendarYear['status']) =>
                status === 'official' ? (
                  <Tag color="success">{t('calendar.official')}</Tag>
                ) : (
                  <Tag color="warning">{t('calendar.provisional')}</Tag>
                ),
            },
            { title: t('calendar.source'), dataIndex: 'source', render: (s: string) => s || '—' },
            {
              title: t('calendar.basis'),
              dataIndex: 'basis',
              render: (b: string | undefined) =>
                b ? (
                  <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                    {b}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('calendar.loadedAt'),
              dataIndex: 'loadedAt',
              width: 150,
              render: (v: string | undefined) => formatDateTime(v, i18n.language),
            },
          ]}
        />
      </Card>
      {uploading && (
        <UploadYearModal
          onClose={() => setUploading(false)}
          onUploaded={() => {
            setUploading(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}

type YearNotice = BodyOf<'/calendar/years', 'POST'>;

function parseNotice(text: string, t: TFunction): YearNotice {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(t('calendar.jsonInvalid', { reason: (e as Error).message }));
  }
  // The shape is checked here and each date by the server: a malformed one is its 400, shown as such.
  const v = value as Partial<YearNotice>;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.year !== 'number' ||
    !Array.isArray(v.holidays) ||
    !Array.isArray(v.workdays) ||
    typeof v.source !== 'string'
  ) {
    throw new Error(t('calendar.jsonShape'));
  }
  return { year: v.year, holidays: v.holidays, workdays: v.workdays, source: v.source };
}

function UploadYearModal({ onClose, onUploaded }: { onClose: () => void; onUploaded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(undefined);
    let notice: YearNotice;
    try {
      notice = parseNotice(text, t);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    try {
      await api('/calendar/years', { method: 'POST', body: notice });
      void message.success(t('calendar.uploaded', { year: notice.year }));
      onUploaded();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${e.field ? ` (${e.field})` : ''}` : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('calendar.uploadTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={640}
      okButtonProps={{ ...buttonTestId('calendar-submit'), disabled: !text.trim() }}
    >
      <Typography.Paragraph type="secondary">{t('calendar.uploadHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".json,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((content) => {
            setText(content);
            setError(undefined);
          });
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('calendar.dropHint')}</p>
      </Upload.Dragger>
      <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
        {t('calendar.json')}
      </Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 14 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        placeholder={
          '{ "year": 2027, "holidays": ["2027-01-01"], "workdays": [], "source": "国办发明电〔2026〕…" }'
        }
        data-testid="calendar-json"
      />
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="calendar-error" />
      )}
    </Modal>
  );
}
