import './catalog.css';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type Obligation, type ObligationState } from '../../api/catalog.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { ExtensionButtons, ExtensionState } from './national.tsx';
import { ObligationStateTag } from './tags.tsx';

type Filter = 'open' | ObligationState | 'all';

/** 更新义务: catalog updates owed after a law or a department's duties changed, due and overdue first. */
export function ObligationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const canManage = can('catalog.obligation.manage');
  const [filter, setFilter] = useState<Filter>('open');
  // One jurisdiction's obligations are few: all are read, and the filter only narrows the view.
  const list = useApi('/catalog/obligations');
  const shown = (list.data ?? []).filter((o) =>
    filter === 'all' ? true : filter === 'open' ? o.state !== 'fulfilled' : o.state === filter,
  );
  const [recording, setRecording] = useState(false);
  const [fulfilling, setFulfilling] = useState<Obligation>();

  return (
    <>
      <PageHeader
        title={t('catalog.obligations.title')}
        subtitle={t('catalog.obligations.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="obligation-record"
            >
              {t('catalog.obligations.record')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Segmented<Filter>
          style={{ marginBottom: 16 }}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('catalog.obligations.filterOpen') },
            { value: 'overdue', label: t('catalog.obligations.states.overdue') },
            { value: 'fulfilled', label: t('catalog.obligations.states.fulfilled') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Table<Obligation>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={shown}
          data-testid="obligation-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('catalog.obligations.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowClassName={(o) => (o.state === 'overdue' ? 'gs-diff-removed' : '')}
          columns={[
            {
              title: t('catalog.obligations.department'),
              key: 'department',
              render: (_, o) => o.department.name,
            },
            {
              title: t('catalog.obligations.cause'),
              dataIndex: 'cause',
              render: (cause: Obligation['cause']) => t(`catalog.obligations.causes.${cause}`),
            },
            { title: t('catalog.obligations.description'), dataIndex: 'description' },
            {
              title: t('catalog.obligations.dueDate'),
              dataIndex: 'dueDate',
              render: (due: string, o) => (
                <Space orientation="vertical" size={0} data-testid={`obligation-due-${o.id}`}>
                  <span>{due}</span>
                  <ExtensionState obligation={o} />
                  {o.article && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {o.article}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('catalog.obligations.state'),
              key: 'state',
              render: (_, o) => (
                <Space size={4} data-testid={`obligation-state-${o.id}`}>
                  <ObligationStateTag state={o.state} />
                  {o.overdueFlaggedAt && (
                    <Tag color="red" data-testid={`obligation-overdue-${o.id}`}>
                      {t('catalog.obligations.overdueFlagged')}
                    </Tag>
                  )}
                  {o.escalation && (
                    <Typography.Text type="danger" data-testid={`obligation-escalation-${o.id}`}>
                      {t(`catalog.obligations.escalation.${o.escalation}`)}
                    </Typography.Text>
                  )}
                  {o.state !== 'fulfilled' && (
                    <Typography.Text type={o.state === 'overdue' ? 'danger' : undefined}>
                      {o.workingDaysLeft >= 0
                        ? t('catalog.obligations.daysLeft', { count: o.workingDaysLeft })
                        : t('catalog.obligations.daysOver', { count: -o.workingDaysLeft })}
                    </Typography.Text>
                  )}
                  {o.state === 'fulfilled' && o.fulfilledNote && (
                    <Typography.Text type="secondary">{o.fulfilledNote}</Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, o: Obligation) => (
                <Space wrap size={4}>
                  {canManage && o.status === 'open' && (
                    <Button size="small" icon={<CheckOutlined />} onClick={() => setFulfilling(o)}>
                      {t('catalog.obligations.fulfil')}
                    </Button>
                  )}
                  <ExtensionButtons obligation={o} onDone={list.reload} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {recording && (
        <RecordModal
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            void message.success(t('catalog.obligations.recorded'));
            list.reload();
          }}
        />
      )}
      {fulfilling && (
        <FulfilModal
          obligation={fulfilling}
          onClose={() => setFulfilling(undefined)}
          onDone={() => {
            setFulfilling(undefined);
            void message.success(t('catalog.obligations.fulfilled'));
            list.reload();
          }}
        />
      )}
    </>
  );
}

function RecordModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ departmentId: string; cause: Obligation['cause']; description: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await catalogApi.recordObligation({ ...values, description: values.description.trim() });
      onDone();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('catalog.obligations.record')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonTestId('obligation-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('catalog.obligations.recordHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ cause: 'law_change' }}>
        <Form.Item
          name="departmentId"
          label={t('catalog.obligations.department')}
          rules={[{ required: true, message: t('catalog.obligations.departmentRequired') }]}
        >
          <DepartmentSelect data-testid="obligation-department" />
        </Form.Item>
        <Form.Item name="cause" label={t('catalog.obligations.cause')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['law_change', 'duty_change'] as const).map((c) => ({
              value: c,
              label: t(`catalog.obligations.causes.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('catalog.obligations.description')}
          rules={[
            { required: true, whitespace: true, message: t('catalog.obligations.descriptionRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('catalog.obligations.descriptionHint')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FulfilModal({
  obligation,
  onClose,
  onDone,
}: {
  obligation: Obligation;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await catalogApi.fulfilObligation(obligation.id, note.trim());
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('catalog.obligations.fulfil')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !note.trim() }}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
    >
      <p>
        {obligation.department.name} · {obligation.description}
      </p>
      <Input.TextArea
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('catalog.obligations.noteHint')}
        maxLength={1000}
      />
    </Modal>
  );
}
