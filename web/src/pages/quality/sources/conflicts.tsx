import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { type Conflict, type ConflictStatus, type Difference, SOURCES_PATH, sourcesApi } from './api.ts';
import { NoteModal } from './note-modal.tsx';
import { StatusFilter, useStatusList } from './status-list.tsx';

const COLOR: Record<ConflictStatus, string> = { open: 'orange', referred: 'blue', resolved: 'green' };

function StatusTag({ status }: { status: ConflictStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="conflict-status">
      {t(`qualitySources.status.${status}`)}
    </Tag>
  );
}

/** 数据冲突 (R78, R79): the cases the comparison job opened, without their values (those are in the case). */
export function ConflictsTab() {
  const { t, i18n } = useTranslation();
  const { query, filter, pagination } = useStatusList<ConflictStatus>();
  const list = useApi(`${SOURCES_PATH}/conflicts`, query);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter statuses={['open', 'referred', 'resolved'] as const} width={140} {...filter} />
      </Space>
      <Table<Conflict>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="sources-conflicts"
        scroll={{ x: 800 }}
        pagination={pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('qualitySources.emptyConflicts')} /> }}
        columns={[
          {
            title: t('qualitySources.fields.number'),
            key: 'number',
            width: 150,
            render: (_, row) => (
              <Link to={`/quality/sources/conflicts/${row.id}`} data-testid={`conflict-link-${row.number}`}>
                {row.number}
              </Link>
            ),
          },
          {
            title: t('qualitySources.fields.source'),
            key: 'source',
            render: (_, row) => row.source.entry.name,
          },
          { title: t('qualitySources.fields.other'), key: 'other', render: (_, row) => row.other.entry.name },
          { title: t('qualitySources.fields.items'), key: 'items', render: (_, row) => row.items.join('、') },
          {
            title: t('qualitySources.fields.differences'),
            key: 'count',
            render: (_, row) => `${row.differenceCount} / ${row.comparedCount}`,
          },
          {
            title: t('qualitySources.fields.status'),
            key: 'status',
            render: (_, row) => <StatusTag status={row.status} />,
          },
          {
            title: t('qualitySources.fields.createdAt'),
            key: 'createdAt',
            render: (_, row) => formatDateTime(row.createdAt, i18n.language),
          },
        ]}
      />
    </>
  );
}

/** One conflict: both sides' values side by side (a read the server audits), refer or resolve. */
export function ConflictPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [referring, setReferring] = useState(false);
  const [resolving, setResolving] = useState(false);
  const kase = useApi(`${SOURCES_PATH}/conflicts/${id}`);
  const c = kase.data;
  const listed = c?.differences ?? [];
  return (
    <>
      <PageHeader
        title={c ? `${t('qualitySources.tabs.conflicts')} ${c.number}` : t('qualitySources.tabs.conflicts')}
        extra={
          <Link to="/quality/sources?tab=conflicts">
            <ArrowLeftOutlined /> {t('qualitySources.back')}
          </Link>
        }
      />
      <ErrorAlert error={kase.error} onRetry={kase.reload} />
      {c ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card
            variant="borderless"
            extra={
              <Space wrap>
                {c.allowedActions.includes('refer') ? (
                  <Button
                    type="primary"
                    onClick={() => setReferring(true)}
                    {...buttonTestId('conflict-refer')}
                  >
                    {t('qualitySources.refer')}
                  </Button>
                ) : null}
                {c.allowedActions.includes('resolve') ? (
                  <Button onClick={() => setResolving(true)} {...buttonTestId('conflict-resolve')}>
                    {t('qualitySources.resolve')}
                  </Button>
                ) : null}
              </Space>
            }
            title={<StatusTag status={c.status} />}
          >
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('qualitySources.fields.source')}>
                {c.source.entry.name}{' '}
                <Typography.Text type="secondary">{c.source.entry.code}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('qualitySources.fields.other')}>
                {c.other.entry.name} <Typography.Text type="secondary">{c.other.entry.code}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('qualitySources.fields.keyItem')}>{c.keyItem}</Descriptions.Item>
              <Descriptions.Item label={t('qualitySources.fields.items')}>
                {c.items.join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={t('qualitySources.fields.compared')}>
                {c.comparedCount}
              </Descriptions.Item>
              <Descriptions.Item label={t('qualitySources.fields.differences')}>
                <span data-testid="conflict-count">{c.differenceCount}</span>
              </Descriptions.Item>
              {c.verification ? (
                <Descriptions.Item label={t('qualitySources.fields.verification')}>
                  <Link to={`/quality/corrections/${c.verification.id}`} data-testid="conflict-verification">
                    {c.verification.number}
                  </Link>{' '}
                  {c.wrongSide ? `（${t(`qualitySources.sides.${c.wrongSide}`)}）` : null}
                </Descriptions.Item>
              ) : null}
              {c.resolutionNote ? (
                <Descriptions.Item label={t('qualitySources.fields.resolution')}>
                  {c.resolutionNote}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card variant="borderless" title={t('qualitySources.fields.differences')}>
            <Alert
              type="info"
              showIcon
              message={t('qualitySources.personalNotice')}
              style={{ marginBottom: 12 }}
            />
            <Table<Difference>
              rowKey={(d) => `${d.key}|${d.item}`}
              size="small"
              dataSource={listed}
              data-testid="conflict-differences"
              scroll={{ x: 600 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('qualitySources.fields.key'), dataIndex: 'key', key: 'key' },
                { title: t('qualitySources.fields.item'), dataIndex: 'item', key: 'item' },
                {
                  title: `${t('qualitySources.fields.sourceValue')}（${c.source.entry.name}）`,
                  dataIndex: 'sourceValue',
                  key: 'sourceValue',
                },
                {
                  title: `${t('qualitySources.fields.otherValue')}（${c.other.entry.name}）`,
                  dataIndex: 'otherValue',
                  key: 'otherValue',
                  render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
                },
              ]}
            />
            {c.differenceCount > listed.length ? (
              <Typography.Text type="secondary">
                {t('qualitySources.moreDifferences', { count: c.differenceCount - listed.length })}
              </Typography.Text>
            ) : null}
          </Card>
          <Card variant="borderless">
            <Timeline
              items={(c.timeline ?? []).map((e) => ({
                children: `${formatDateTime(e.at, i18n.language)} ${e.actor.name} · ${t(`qualitySources.events.${e.action}`, { defaultValue: e.action })}`,
              }))}
            />
          </Card>
        </Space>
      ) : null}
      <ReferModal
        conflict={referring ? (c ?? null) : null}
        onClose={() => setReferring(false)}
        onDone={() => {
          setReferring(false);
          void message.success(t('qualitySources.referred'));
          kase.reload();
        }}
      />
      <NoteModal
        open={resolving}
        title={t('qualitySources.resolveTitle')}
        label={t('qualitySources.fields.resolution')}
        required
        okText={t('qualitySources.resolve')}
        testId="conflict-resolve"
        onClose={() => setResolving(false)}
        onSubmit={async (note) => {
          await sourcesApi.resolve(id, note);
          setResolving(false);
          void message.success(t('qualitySources.resolvedDone'));
          kase.reload();
        }}
      />
    </>
  );
}

/** The authority names the side found wrong; the server files the verification request to it. */
function ReferModal({
  conflict,
  onClose,
  onDone,
}: {
  conflict: Conflict | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ side: 'source' | 'other'; note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!conflict) return;
    const { side, note } = await form.validateFields();
    setBusy(true);
    try {
      await sourcesApi.refer(conflict.id, side, note?.trim() || undefined);
      form.resetFields();
      onDone();
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={conflict !== null}
      title={t('qualitySources.referTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('qualitySources.refer')}
      okButtonProps={buttonTestId('conflict-refer-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('qualitySources.referHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ side: 'other' }}>
        <Form.Item name="side" label={t('qualitySources.wrongSide')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="source" data-testid="refer-side-source">
              {t('qualitySources.sides.source')}（{conflict?.source.entry.name}）
            </Radio>
            <Radio value="other" data-testid="refer-side-other">
              {t('qualitySources.sides.other')}（{conflict?.other.entry.name}）
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('qualitySources.note')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="conflict-refer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
