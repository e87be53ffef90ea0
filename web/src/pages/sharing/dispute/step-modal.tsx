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
  /** N19: the government's decision as recorded — who decided, its document number and date. */
  decidedBy?: string;
  reference?: string;
  decidedOn?: string;
}

/** The government decision's own inputs (809 第二十八条第二款), zh-CN first. */
const GOVERNMENT = {
  intro: {
    zh: '经主管部门协调仍未达成一致的，报本级人民政府决定（《政务数据共享条例》第二十八条第二款）；登记后案件办结，不能再办理。',
    en: 'Unresolved coordination goes to the government of that level (809 Art.28 ¶2); once recorded the case is final.',
  },
  referIntro: {
    zh: '协调未达成一致，报本级人民政府决定（《政务数据共享条例》第二十八条第二款）。',
    en: 'Coordination reached no agreement: refer it to the government of that level (809 Art.28 ¶2).',
  },
  decidedBy: { zh: '作出决定的人民政府', en: 'Deciding government' },
  defaultGovernment: {
    zh: '不填即为报送时确定的本级人民政府',
    en: 'Left empty: the government named at referral',
  },
  reference: { zh: '决定文号', en: 'Document number' },
  decidedOn: { zh: '决定日期（YYYY-MM-DD）', en: 'Decided on (YYYY-MM-DD)' },
  required: { zh: '请填写', en: 'Required' },
  date: { zh: '请按 YYYY-MM-DD 填写日期', en: 'Use YYYY-MM-DD' },
};

/** Which steps need words, and under which body field the server takes them. */
const WORDS: Record<DisputeAction, { field: string; required: boolean }> = {
  minutes: { field: 'text', required: true },
  agree: { field: 'comment', required: false },
  fail: { field: 'reason', required: true },
  escalate: { field: 'reason', required: false },
  decide: { field: 'decision', required: true },
  refer: { field: 'reason', required: true },
  record_government_decision: { field: 'decision', required: true },
  withdraw: { field: 'reason', required: false },
};

/** The body of a step from the form: words where the step takes them, the decision and its items. */
function bodyOf(step: DisputeAction, values: StepForm, all: string[]): Record<string, unknown> {
  const words = values.words?.trim();
  const body: Record<string, unknown> = words ? { [WORDS[step].field]: words } : {};
  if (step === 'decide' || step === 'record_government_decision') {
    body.share = values.share === true;
    if (values.share && values.items && values.items.length < all.length) body.items = values.items;
  }
  if (step === 'record_government_decision') {
    body.reference = values.reference?.trim() ?? '';
    body.decidedOn = values.decidedOn?.trim() ?? '';
    if (values.decidedBy?.trim()) body.decidedBy = values.decidedBy.trim();
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
  const { t, i18n } = useTranslation();
  const say = (label: { zh: string; en: string }) => (i18n.language.startsWith('en') ? label.en : label.zh);
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

  const deciding = step === 'decide' || step === 'record_government_decision';
  // `share` is undefined until the watch has read the form (the second render): the items show from
  // the first render, so they do not appear under the pointer while the dialog opens.
  const pickItems = step === 'agree' || (deciding && share !== false);
  return (
    <Modal
      open={!!step}
      title={step && `${t(`sharing.disputes.actions.${step}`)} · ${dispute.number}`}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        ...buttonTestId('dispute-confirm'),
        danger: step === 'fail' || step === 'withdraw' || step === 'refer',
      }}
      destroyOnHidden
      width={560}
    >
      {step === 'decide' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sharing.disputes.binding')} />
      )}
      {step === 'refer' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={say(GOVERNMENT.referIntro)} />
      )}
      {step === 'record_government_decision' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={say(GOVERNMENT.intro)} />
      )}
      <Form<StepForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ share: true, items: dispute.items }}
      >
        {step === 'record_government_decision' && (
          <>
            <Form.Item
              name="decidedBy"
              label={say(GOVERNMENT.decidedBy)}
              extra={say(GOVERNMENT.defaultGovernment)}
            >
              <Input
                maxLength={200}
                placeholder={dispute.referral?.government ?? ''}
                data-testid="dispute-decided-by"
              />
            </Form.Item>
            <Form.Item
              name="reference"
              label={say(GOVERNMENT.reference)}
              rules={[{ required: true, whitespace: true, message: say(GOVERNMENT.required) }]}
            >
              <Input maxLength={200} data-testid="dispute-reference" />
            </Form.Item>
            <Form.Item
              name="decidedOn"
              label={say(GOVERNMENT.decidedOn)}
              rules={[
                { required: true, message: say(GOVERNMENT.required) },
                { pattern: /^\d{4}-\d{2}-\d{2}$/, message: say(GOVERNMENT.date) },
              ]}
            >
              <Input maxLength={10} placeholder="2026-10-09" data-testid="dispute-decided-on" />
            </Form.Item>
          </>
        )}
        {deciding && (
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
