import { App, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { ResponseOf } from '../../../api/contract.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';

/** 延期答复 (809 第二十一条第一款) of an application, as `GET /sharing/extensions?applicationId=` answers it. */
export type ReplyExtension = ResponseOf<'/sharing/extensions'>['items'][number];

const STATE_COLORS: Record<ReplyExtension['status'], string> = {
  requested: 'processing',
  approved: 'success',
  refused: 'default',
};

/** The application's reply extension, if one was asked for: its state, the days and a link to its case page. */
export function ExtensionItem({ extension }: { extension: ReplyExtension }) {
  const { t } = useTranslation();
  const days = { days: extension.workingDays, before: extension.dueDateBefore };
  return (
    <span data-testid="case-extension" data-status={extension.status}>
      <Tag color={STATE_COLORS[extension.status]}>{t(`sharing.extension.states.${extension.status}`)}</Tag>
      <Link to={`/cases/extension/${extension.id}`} data-testid="case-extension-link">
        {extension.number}
      </Link>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {extension.dueDateAfter
          ? t('sharing.extension.detailMoved', { ...days, after: extension.dueDateAfter })
          : t('sharing.extension.detail', days)}
      </Typography.Text>
    </span>
  );
}

/**
 * The provider asks the authority, once, to extend the reply period for a special reason (809
 * 第二十一条第一款); the limit is the profile's and the server's to enforce.
 */
export function ExtensionRequestModal({
  applicationId,
  number,
  open,
  onClose,
  onDone,
}: {
  applicationId: string;
  number: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason?: string; workingDays: number }>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    let values: { reason?: string; workingDays: number };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await api('/sharing/extensions', {
        method: 'POST',
        body: { applicationId, reason: (values.reason ?? '').trim(), workingDays: values.workingDays },
      });
      void message.success(t('sharing.extension.requested'));
      onDone();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('sharing.extension.requestTitle')} · ${number}`}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonTestId('extension-confirm')}
      destroyOnHidden
      width={560}
    >
      <p>{t('sharing.extension.requestIntro')}</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('sharing.extension.reason')}
          rules={[{ required: true, whitespace: true, message: t('sharing.stepRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="extension-reason" />
        </Form.Item>
        <Form.Item
          name="workingDays"
          label={t('sharing.extension.workingDays')}
          rules={[
            { required: true, type: 'integer', min: 1, message: t('sharing.extension.workingDaysInvalid') },
          ]}
        >
          <InputNumber min={1} precision={0} style={{ width: 160 }} data-testid="extension-days" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
