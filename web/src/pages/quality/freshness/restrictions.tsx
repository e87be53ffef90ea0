import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import type { Loaded } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { freshnessApi, type Restriction, type RestrictionList } from './api.ts';

/** R71: the authority's restrictions of late departments, with the lift action. */
export function RestrictionsTab({ list, onChanged }: { list: Loaded<RestrictionList>; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [lifting, setLifting] = useState<Restriction | null>(null);
  const allowed = list.data?.allowed;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {allowed && (
        <Alert
          type={allowed.value ? 'info' : 'warning'}
          showIcon
          data-testid="freshness-restrict-basis"
          title={
            allowed.value
              ? t('qualityFreshness.allowed', { article: allowed.article ?? '—' })
              : t('qualityFreshness.notAllowed', { text: allowed.text })
          }
        />
      )}
      <Table<Restriction>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        data-testid="freshness-restrictions"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('qualityFreshness.restrictionFields.department'),
            key: 'department',
            render: (_, r) => r.department.name,
          },
          {
            title: t('qualityFreshness.restrictionFields.status'),
            key: 'status',
            render: (_, r) => (
              <Tag
                color={r.status === 'active' ? 'error' : 'default'}
                data-testid={`restriction-status-${r.id}`}
              >
                {t(`qualityFreshness.restrictionStatus.${r.status}`)}
              </Tag>
            ),
          },
          { title: t('qualityFreshness.restrictionFields.reason'), dataIndex: 'reason' },
          {
            title: t('qualityFreshness.restrictionFields.lateEntries'),
            key: 'late',
            render: (_, r) => r.lateEntries.map((e) => e.name).join('、'),
          },
          {
            title: t('qualityFreshness.restrictionFields.since'),
            key: 'since',
            render: (_, r) => `${formatDateTime(r.createdAt, i18n.language)} · ${r.createdBy.name}`,
          },
          {
            title: t('qualityFreshness.restrictionFields.ended'),
            key: 'ended',
            render: (_, r) =>
              r.liftKind ? (
                <Space orientation="vertical" size={0}>
                  <span>{t(`qualityFreshness.liftKind.${r.liftKind}`)}</span>
                  <Typography.Text type="secondary">
                    {formatDateTime(r.liftedAt, i18n.language)}
                    {r.liftNote ? ` · ${r.liftNote}` : ''}
                  </Typography.Text>
                </Space>
              ) : (
                can('quality.freshness.restrict') && (
                  <Button size="small" onClick={() => setLifting(r)} data-testid={`restriction-lift-${r.id}`}>
                    {t('qualityFreshness.lift')}
                  </Button>
                )
              ),
          },
        ]}
      />
      <LiftModal
        restriction={lifting}
        onClose={() => setLifting(null)}
        onDone={() => {
          setLifting(null);
          onChanged();
        }}
      />
    </Space>
  );
}

function LiftModal({
  restriction,
  onClose,
  onDone,
}: {
  restriction: Restriction | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!restriction) return;
    const { note } = await form.validateFields();
    setBusy(true);
    try {
      await freshnessApi.lift(restriction.id, note ?? '');
      void message.success(t('qualityFreshness.lifted'));
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
      open={restriction !== null}
      title={restriction && t('qualityFreshness.liftTitle', { department: restriction.department.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('qualityFreshness.lift')}
      okButtonProps={buttonTestId('restriction-lift-ok')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('qualityFreshness.liftNote')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="restriction-lift-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The authority restricts a late department's new applications (R71), giving a reason. */
export function RestrictModal({
  department,
  article,
  onClose,
  onDone,
}: {
  department: { id: string; name: string } | null;
  article: string | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!department) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await freshnessApi.restrict(department.id, reason);
      void message.success(t('qualityFreshness.restricted', { department: department.name }));
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
      open={department !== null}
      title={department && t('qualityFreshness.restrictTitle', { department: department.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('qualityFreshness.restrict')}
      okButtonProps={{ ...buttonTestId('restrict-ok'), danger: true }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('qualityFreshness.restrictHint', { article: article ?? '—' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('qualityFreshness.reasonLabel')}
          rules={[{ required: true, whitespace: true, message: t('qualityFreshness.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="restrict-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
