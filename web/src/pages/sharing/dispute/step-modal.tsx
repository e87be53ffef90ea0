import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DisputeAction, type DisputeDetail, sharingApi } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';

interface StepForm {
  words?: string;
  share?: boolean;
  items?: string[];
}

/** Which steps need words, and under which body field the server takes them. */
const WORDS: Record<DisputeAction, { field: string; required: boolean }> = {
  minutes: { field: 'text', required: true },
  agree: { field: 'comment', required: false },
  fail: { field: 'reason', required: true },
  escalate: { field: 'reason', required: false },
  decide: { field: 'decision', required: true },
  withdraw: { field: 'reason', required: false },
};

/** The body of a step from the form: words where the step takes them, the decision and its items. */
function bodyOf(step: DisputeAction, values: StepForm, all: string[]): Record<string, unknown> {
  const words = values.words?.trim();
  const body: Record<string, unknown> = words ? { [WORDS[step].field]: words } : {};
  if (step === 'decide') {
    body.share = values.share === true;
    if (values.share && values.items && values.items.length < all.length) body.items = values.items;
  }
  if (step === 'agree' && values.items && values.items.length < all.length) body.items = values.items;
  return body;
}

/** One step of a negotiation or coordination case, confirmed with what it needs. */
export function DisputeStepModal({
  dispute,
  step,
  onClose,
  onDone,
}: {
  dispute: DisputeDetail;
  step: DisputeAction | undefined;
  onClose(): void;
  onDone(next: DisputeDetail): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<StepForm>();
  const [busy, setBusy] = useState(false);
  const share = Form.useWatch('share', form);

  const run = async () => {
    if (!step) return;
    let values: StepForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const next = await sharingApi.disputeStep(dispute.id, step, bodyOf(step, values, dispute.items));
      void message.success(t('sharing.disputes.done'));
      onDone(next);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const pickItems = step === 'agree' || (step === 'decide' && share);
  return (
    <Modal
      open={!!step}
      title={step && `${t(`sharing.disputes.actions.${step}`)} · ${dispute.number}`}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...buttonTestId('dispute-confirm'), danger: step === 'fail' || step === 'withdraw' }}
      destroyOnHidden
      width={560}
    >
      {step === 'decide' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sharing.disputes.binding')} />
      )}
      <Form<StepForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ share: true, items: dispute.items }}
      >
        {step === 'decide' && (
          <Form.Item name="share">
            <Radio.Group>
              <Radio value={true} data-testid="decide-share">
                {t('sharing.disputes.share')}
              </Radio>
              <Radio value={false} data-testid="decide-not-share">
                {t('sharing.disputes.notShare')}
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {pickItems && (
          <Form.Item
            name="items"
            label={t('sharing.disputes.items')}
            rules={[{ required: true, type: 'array', min: 1, message: t('sharing.disputes.itemsRequired') }]}
          >
            <Checkbox.Group style={{ display: 'grid', gap: 6 }}>
              {dispute.items.map((item) => (
                <Checkbox key={item} value={item} data-testid={`dispute-item-${item}`}>
                  {item}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
        {step && (
          <Form.Item
            name="words"
            label={t(`sharing.disputes.words.${step}`)}
            rules={
              WORDS[step].required
                ? [{ required: true, whitespace: true, message: t('sharing.disputes.wordsRequired') }]
                : []
            }
          >
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="dispute-words" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
