import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type ApplicationDetail, sharingApi } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useMe, useSession } from '../../../session/index.tsx';

/**
 * "提出协商" on a refused application, for the consumer department (R37): states why its duties
 * need the data and opens the case; the server applies the profile's shape (negotiation first,
 * or straight to coordination) and refuses a second open case.
 */
export function OpenDisputeButton({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (application.status !== 'refused' || application.consumer.departmentId !== me.department.id) return null;
  if (!can('sharing.apply')) return null;

  const run = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const dispute = await sharingApi.openDispute(application.id, reason);
      void message.success(t('sharing.disputes.opened'));
      navigate(`/sharing/disputes/${dispute.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="case-open-dispute">
        {t('sharing.disputes.open')}
      </Button>
      <Modal
        open={open}
        title={t('sharing.disputes.openTitle')}
        onCancel={() => setOpen(false)}
        onOk={run}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={buttonTestId('open-dispute-confirm')}
        destroyOnHidden
      >
        <p style={{ marginTop: 0 }}>{t('sharing.disputes.openHint')}</p>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('sharing.disputes.openReason')}
            rules={[{ required: true, whitespace: true, message: t('sharing.disputes.openReasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="open-dispute-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
