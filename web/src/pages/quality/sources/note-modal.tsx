import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';

/** A decision that takes one text (a reason, a note): the end, use-source and resolve steps. */
export function NoteModal({
  open,
  title,
  hint,
  label,
  required,
  okText,
  testId,
  danger,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  hint?: string;
  label: string;
  required: boolean;
  okText: string;
  testId: string;
  danger?: boolean;
  onSubmit(text: string): Promise<void>;
  onClose(): void;
}) {
  const showError = useShowError();
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { text } = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(text?.trim() ?? '');
      form.resetFields();
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={okText}
      okButtonProps={{ ...buttonTestId(`${testId}-ok`), danger: danger ?? false }}
      destroyOnHidden
    >
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={label} rules={required ? [{ required: true, whitespace: true }] : []}>
          <Input.TextArea rows={3} maxLength={2000} data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
