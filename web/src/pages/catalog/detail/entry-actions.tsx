import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { catalogApi, type EntryAction, type EntryDetail } from '../../../api/catalog.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';

type Step = Exclude<EntryAction, 'edit'>;

interface StepSpec {
  icon: ReactNode;
  primary?: boolean;
  danger?: boolean;
  /** Whether the step asks for words (a comment or a reason) and whether they are required. */
  words?: 'optional' | 'required';
  run(entry: EntryDetail, words: string): Promise<EntryDetail>;
}

const STEPS: Record<Step, StepSpec> = {
  submit: { icon: <SendOutlined />, primary: true, run: (e) => catalogApi.submit(e.id) },
  ratify: {
    icon: <CheckCircleOutlined />,
    primary: true,
    words: 'optional',
    run: (e, w) => catalogApi.ratify(e.id, w || undefined),
  },
  return: {
    icon: <RollbackOutlined />,
    danger: true,
    words: 'required',
    run: (e, w) => catalogApi.return(e.id, w),
  },
  publish: { icon: <SendOutlined />, primary: true, run: (e) => catalogApi.publish(e.id) },
  withdraw: {
    icon: <StopOutlined />,
    danger: true,
    words: 'required',
    run: (e, w) => catalogApi.withdraw(e.id, w),
  },
  approveReduction: {
    icon: <CheckCircleOutlined />,
    primary: true,
    words: 'optional',
    run: (e, w) => catalogApi.approveReduction(e.id, w || undefined),
  },
  rejectReduction: {
    icon: <CloseCircleOutlined />,
    danger: true,
    words: 'required',
    run: (e, w) => catalogApi.rejectReduction(e.id, w),
  },
};

const ORDER: EntryAction[] = [
  'edit',
  'submit',
  'ratify',
  'return',
  'publish',
  'approveReduction',
  'rejectReduction',
  'withdraw',
];

/** The buttons for what the reader may do now (the server's `allowedActions`), each confirmed first. */
export function EntryActions({ entry, onDone }: { entry: EntryDetail; onDone: (next: EntryDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [step, setStep] = useState<Step>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ words: string }>();
  const spec = step ? STEPS[step] : undefined;

  const run = async () => {
    if (!step || !spec) return;
    const { words } = spec.words ? await form.validateFields() : { words: '' };
    setBusy(true);
    try {
      const next = await spec.run(entry, (words ?? '').trim());
      void message.success(t(`catalog.actions.done.${step}`));
      setStep(undefined);
      form.resetFields();
      onDone(next);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const allowed = ORDER.filter((a) => entry.allowedActions.includes(a));
  if (allowed.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="entry-actions">
        {allowed.map((action) =>
          action === 'edit' ? (
            <Button
              key={action}
              icon={<EditOutlined />}
              onClick={() => navigate(`/catalog/entries/${entry.id}/edit`)}
              data-testid="action-edit"
            >
              {t('catalog.actions.edit')}
            </Button>
          ) : (
            <Button
              key={action}
              icon={STEPS[action].icon}
              type={STEPS[action].primary ? 'primary' : 'default'}
              danger={STEPS[action].danger}
              onClick={() => setStep(action)}
              data-testid={`action-${action}`}
            >
              {t(`catalog.actions.${action}`)}
            </Button>
          ),
        )}
      </Space>
      <Modal
        open={!!step}
        title={step && t(`catalog.actions.${step}`)}
        onCancel={() => setStep(undefined)}
        onOk={run}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ ...buttonTestId('action-confirm'), danger: spec?.danger }}
        destroyOnHidden
      >
        {step && <p style={{ marginTop: 0 }}>{t(`catalog.actions.confirm.${step}`, { name: entry.name })}</p>}
        {spec?.words && (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="words"
              label={step === 'withdraw' ? t('catalog.actions.reason') : t('catalog.actions.comment')}
              rules={
                spec.words === 'required'
                  ? [{ required: true, whitespace: true, message: t('catalog.actions.wordsRequired') }]
                  : []
              }
            >
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-comment" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
