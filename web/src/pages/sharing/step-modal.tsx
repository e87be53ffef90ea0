import { App, Form, Input, Modal, Radio } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';

/** One input of a step: words (a note, reason, reply) or a choice among a few values. */
export interface StepField {
  name: string;
  label: string;
  required?: boolean;
  choices?: { value: string; label: string }[];
  /** One line (a reference number) instead of paragraphs of words. */
  line?: boolean;
  placeholder?: string;
}

/**
 * A case step confirmed in a dialog with what it needs: the agreements' and complaints' steps
 * (sign, file, refuse filing, investigate, answer…) share this form; the server has the last word.
 */
export function StepModal({
  open,
  title,
  intro,
  fields,
  danger,
  doneMessage,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  intro?: ReactNode;
  fields: StepField[];
  danger?: boolean;
  doneMessage: string;
  onSubmit(values: Record<string, string | undefined>): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    let values: Record<string, string | undefined>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const trimmed = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || undefined : v]),
      );
      await onSubmit(trimmed);
      void message.success(doneMessage);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...buttonTestId('step-confirm'), danger }}
      destroyOnHidden
      width={560}
    >
      {intro && <div style={{ marginBottom: 12 }}>{intro}</div>}
      <Form form={form} layout="vertical" preserve={false}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={
              f.required
                ? [{ required: true, whitespace: !f.choices, message: `${t('sharing.stepRequired')}` }]
                : []
            }
          >
            {f.choices ? (
              <Radio.Group>
                {f.choices.map((c) => (
                  <Radio key={c.value} value={c.value} data-testid={`step-${f.name}-${c.value}`}>
                    {c.label}
                  </Radio>
                ))}
              </Radio.Group>
            ) : f.line ? (
              <Input maxLength={100} placeholder={f.placeholder} data-testid={`step-${f.name}`} />
            ) : (
              <Input.TextArea
                rows={4}
                maxLength={10_000}
                placeholder={f.placeholder}
                data-testid={`step-${f.name}`}
              />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
