import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import {
  type DuplicateFlag,
  type DuplicateStatus,
  LEGAL_BASIS_KINDS,
  type LegalBasisKind,
  SOURCES_PATH,
  sourcesApi,
} from './api.ts';
import { NoteModal } from './note-modal.tsx';
import { StatusFilter, useStatusList } from './status-list.tsx';

const COLOR: Record<DuplicateStatus, string> = { flagged: 'orange', use_source: 'blue', lawful: 'green' };

/** 重复采集 (R77, 条例第四十条第一项): flags for the authority to decide; a department sees its own. */
export function DuplicatesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [using, setUsing] = useState<DuplicateFlag | null>(null);
  const [lawful, setLawful] = useState<DuplicateFlag | null>(null);
  const { query, filter, pagination } = useStatusList<DuplicateStatus>();
  const list = useApi(`${SOURCES_PATH}/duplicates`, query);
  const decided = () => {
    setUsing(null);
    setLawful(null);
    void message.success(t('qualitySources.decided'));
    list.reload();
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter statuses={['flagged', 'use_source', 'lawful'] as const} width={160} {...filter} />
      </Space>
      <Table<DuplicateFlag>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="sources-duplicates"
        scroll={{ x: 900 }}
        pagination={pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('qualitySources.emptyDuplicates')} /> }}
        columns={[
          { title: t('qualitySources.fields.number'), dataIndex: 'number', key: 'number', width: 150 },
          { title: t('qualitySources.fields.item'), key: 'item', render: (_, row) => row.itemName },
          {
            title: t('qualitySources.fields.entry'),
            key: 'entry',
            render: (_, row) => (
              <>
                {row.entry.name} <Typography.Text type="secondary">{row.entry.code}</Typography.Text>{' '}
                <Tag>
                  {t(
                    `qualitySources.entryStatus.${row.entry.status === 'submitted' ? 'submitted' : 'published'}`,
                  )}
                </Tag>
              </>
            ),
          },
          {
            title: t('qualitySources.fields.resource'),
            key: 'source',
            render: (_, row) => row.source.entry.name,
          },
          {
            title: t('qualitySources.fields.status'),
            key: 'status',
            render: (_, row) => (
              <Tag color={COLOR[row.status]} data-testid={`duplicate-status-${row.number}`}>
                {t(`qualitySources.status.${row.status}`)}
              </Tag>
            ),
          },
          {
            title: t('qualitySources.fields.decision'),
            key: 'decision',
            render: (_, row) =>
              row.legalBasis
                ? `${row.legalBasis.title}${row.legalBasis.article}：${row.decisionNote ?? ''}`
                : (row.decisionNote ?? '—'),
          },
          {
            title: t('qualitySources.fields.createdAt'),
            key: 'createdAt',
            render: (_, row) => formatDateTime(row.createdAt, i18n.language),
          },
          {
            title: '',
            key: 'actions',
            render: (_, row) => (
              <Space wrap size={4}>
                {row.allowedActions.includes('use_source') ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setUsing(row)}
                    {...buttonTestId(`duplicate-use-${row.number}`)}
                  >
                    {t('qualitySources.useSource')}
                  </Button>
                ) : null}
                {row.allowedActions.includes('lawful') ? (
                  <Button
                    size="small"
                    onClick={() => setLawful(row)}
                    {...buttonTestId(`duplicate-lawful-${row.number}`)}
                  >
                    {t('qualitySources.lawful')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <NoteModal
        open={using !== null}
        title={t('qualitySources.useSourceTitle', { item: using?.itemName ?? '' })}
        hint={t('qualitySources.useSourceHint')}
        label={t('qualitySources.note')}
        required={false}
        okText={t('qualitySources.useSource')}
        testId="duplicate-use"
        onClose={() => setUsing(null)}
        onSubmit={async (note) => {
          if (!using) return;
          await sourcesApi.toSource(using.id, note || undefined);
          decided();
        }}
      />
      <LawfulModal flag={lawful} onClose={() => setLawful(null)} onDone={decided} />
    </>
  );
}

interface LawfulForm {
  reason: string;
  kind: LegalBasisKind;
  title: string;
  article: string;
}

/** Records why a second collection is lawful: the reason and its legal basis, both required. */
function LawfulModal({
  flag,
  onClose,
  onDone,
}: {
  flag: DuplicateFlag | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<LawfulForm>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!flag) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      await sourcesApi.lawful(flag.id, {
        reason: values.reason.trim(),
        legalBasis: { kind: values.kind, title: values.title.trim(), article: values.article.trim() },
      });
      form.resetFields();
      onDone();
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true }];
  return (
    <Modal
      open={flag !== null}
      title={t('qualitySources.lawfulTitle', { item: flag?.itemName ?? '' })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('qualitySources.lawful')}
      okButtonProps={buttonTestId('duplicate-lawful-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('qualitySources.lawfulHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'law' }}>
        <Form.Item name="reason" label={t('qualitySources.reason')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="duplicate-lawful-reason" />
        </Form.Item>
        <Form.Item name="kind" label={t('qualitySources.legalBasisKind')} rules={[{ required: true }]}>
          <Select
            options={LEGAL_BASIS_KINDS.map((k) => ({ value: k, label: t(`qualitySources.basisKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('qualitySources.legalBasisTitle')} rules={required}>
          <Input maxLength={200} data-testid="duplicate-lawful-title" />
        </Form.Item>
        <Form.Item name="article" label={t('qualitySources.legalBasisArticle')} rules={required}>
          <Input maxLength={100} data-testid="duplicate-lawful-article" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
