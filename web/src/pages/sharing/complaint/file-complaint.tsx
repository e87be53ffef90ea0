import { App, Button, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { COMPLAINT_KIND_OPTIONS, type ComplaintInput, sharingApi } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useProfile } from '../../../lib/use-profile.ts';
import { useSession } from '../../../session/index.tsx';

/**
 * "投诉" from the case it is about (R118): the other party is the department complained about and
 * the case is the subject; the authority answers in writing.
 */
export function FileComplaintButton({
  respondent,
  subject,
  kind,
}: {
  respondent: { departmentId: string; name: string };
  subject: ComplaintInput['subject'];
  kind: ComplaintInput['kind'];
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: ComplaintInput['kind']; description: string }>();
  const profile = useProfile().data;
  // Only where the jurisdiction's rules provide for complaints (profile `features.complaints`).
  if (!can('sharing.complaint.file') || profile?.features.complaints.value !== true) return null;

  const run = async () => {
    let values: { kind: ComplaintInput['kind']; description: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const complaint = await sharingApi.fileComplaint({
        kind: values.kind,
        respondentDepartmentId: respondent.departmentId,
        subject,
        description: values.description.trim(),
      });
      void message.success(t('sharing.complaints.filed'));
      navigate(`/sharing/complaints/${complaint.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="file-complaint">
        {t('sharing.complaints.file')}
      </Button>
      <Modal
        open={open}
        title={t('sharing.complaints.fileTitle')}
        onCancel={() => setOpen(false)}
        onOk={run}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={buttonTestId('file-complaint-confirm')}
        destroyOnHidden
        width={560}
      >
        <p style={{ marginTop: 0 }}>{t('sharing.complaints.fileHint')}</p>
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('sharing.complaints.fields.respondent')}>
            {respondent.name}
          </Descriptions.Item>
        </Descriptions>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind }}>
          <Form.Item name="kind" label={t('sharing.complaints.fields.kind')} rules={[{ required: true }]}>
            <Select
              options={COMPLAINT_KIND_OPTIONS.map((k) => ({
                value: k,
                label: t(`sharing.complaints.kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('sharing.complaints.fields.description')}
            rules={[{ required: true, whitespace: true, message: t('sharing.stepRequired') }]}
          >
            <Input.TextArea rows={5} maxLength={10_000} showCount data-testid="complaint-description" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
