import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { type Designation, SOURCES_PATH, sourcesApi } from './api.ts';
import { NoteModal } from './note-modal.tsx';
import { StatusFilter, useStatusList } from './status-list.tsx';

/** 数源登记 (R76): the registry everyone reads; the authority designates and ends sources. */
export function RegistryTab({ manage, onChanged }: { manage: boolean; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [designating, setDesignating] = useState(false);
  const [ending, setEnding] = useState<Designation | null>(null);
  const { query, filter, pagination } = useStatusList<Designation['status']>('active');
  const list = useApi(SOURCES_PATH, query);
  const changed = () => {
    list.reload();
    onChanged();
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter statuses={['active', 'ended'] as const} width={140} {...filter} />
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDesignating(true)}
            {...buttonTestId('source-designate')}
          >
            {t('qualitySources.designate')}
          </Button>
        ) : null}
      </Space>
      <Table<Designation>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="sources-registry"
        scroll={{ x: 800 }}
        pagination={pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('qualitySources.emptyRegistry')} /> }}
        columns={[
          {
            title: t('qualitySources.fields.item'),
            key: 'item',
            render: (_, row) => <span data-testid={`source-item-${row.itemName}`}>{row.itemName}</span>,
          },
          {
            title: t('qualitySources.fields.department'),
            key: 'department',
            render: (_, row) => row.department.name,
          },
          {
            title: t('qualitySources.fields.resource'),
            key: 'resource',
            render: (_, row) => (
              <>
                {row.entry.name} <Typography.Text type="secondary">{row.entry.code}</Typography.Text>
              </>
            ),
          },
          { title: t('qualitySources.fields.basis'), key: 'basis', render: (_, row) => row.basis ?? '—' },
          {
            title: t('qualitySources.fields.status'),
            key: 'status',
            render: (_, row) => (
              <Tag color={row.status === 'active' ? 'green' : 'default'}>
                {t(`qualitySources.status.${row.status}`)}
              </Tag>
            ),
          },
          {
            title: t('qualitySources.fields.designatedAt'),
            key: 'at',
            render: (_, row) => `${formatDateTime(row.designatedAt, i18n.language)} ${row.designatedBy}`,
          },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, row: Designation) =>
                    row.status === 'active' ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => setEnding(row)}
                        {...buttonTestId(`source-end-${row.itemName}`)}
                      >
                        {t('qualitySources.end')}
                      </Button>
                    ) : (
                      row.endReason
                    ),
                },
              ]
            : []),
        ]}
      />
      <DesignateModal
        open={designating}
        onClose={() => setDesignating(false)}
        onDone={() => {
          setDesignating(false);
          void message.success(t('qualitySources.designated'));
          changed();
        }}
      />
      <NoteModal
        open={ending !== null}
        title={t('qualitySources.endTitle', { item: ending?.itemName ?? '' })}
        label={t('qualitySources.reason')}
        required
        danger
        okText={t('qualitySources.end')}
        testId="source-end"
        onClose={() => setEnding(null)}
        onSubmit={async (reason) => {
          if (!ending) return;
          await sourcesApi.end(ending.id, reason);
          setEnding(null);
          void message.success(t('qualitySources.ended'));
          changed();
        }}
      />
    </>
  );
}

interface DesignateForm {
  entryId: string;
  itemName: string;
  basis?: string;
}

/** Pick the source resource (a published entry in the jurisdiction), then one of its items. */
function DesignateModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<DesignateForm>();
  const [busy, setBusy] = useState(false);
  const candidates = useApi(open ? `${SOURCES_PATH}/candidates` : null);
  const entryId = Form.useWatch('entryId', form);
  const chosen = useMemo(
    () => candidates.data?.items.find((c) => c.entry.id === entryId),
    [candidates.data, entryId],
  );
  const submit = async () => {
    const values = await form.validateFields();
    if (!chosen) return;
    setBusy(true);
    try {
      await sourcesApi.designate({
        itemName: values.itemName,
        entryId: values.entryId,
        departmentId: chosen.department.id,
        ...(values.basis?.trim() ? { basis: values.basis.trim() } : {}),
      });
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
      open={open}
      title={t('qualitySources.designateTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('qualitySources.designate')}
      okButtonProps={buttonTestId('designate-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('qualitySources.designateHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="entryId" label={t('qualitySources.pickResource')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.loading}
            data-testid="designate-resource"
            onChange={() => form.setFieldValue('itemName', undefined)}
            options={(candidates.data?.items ?? []).map((c) => ({
              value: c.entry.id,
              label: `${c.entry.name}（${c.department.name}）${c.entry.code}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="itemName" label={t('qualitySources.pickItem')} rules={[{ required: true }]}>
          <Select
            disabled={!chosen}
            data-testid="designate-item"
            options={(chosen?.items ?? []).map((i) => ({
              value: i.name,
              label: (
                <Space size={4}>
                  {i.name}
                  {i.base ? <Tag color="blue">{t('qualitySources.baseItem')}</Tag> : null}
                  {i.isKey ? <Tag>{t('qualitySources.keyItem')}</Tag> : null}
                </Space>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="basis" label={t('qualitySources.fields.basis')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="designate-basis" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
