import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { type ApplicationDetail, sharingApi } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';

/** The steps this dialog takes; the consents of 809 第二十条 have their own (consent.tsx). */
export type DecisionAction = 'withdraw' | 'approve' | 'refuse' | 'return' | 'resubmit';

interface DecisionForm {
  mode?: 'all' | 'some';
  items?: string[];
  /** Personal items given in clear; the others reach the consumer masked (R100). */
  clearItems?: string[];
  comment?: string;
  reason?: string;
  /** 退回补正: the missing points, one per line. */
  points?: string;
  note?: string;
  purposeText?: string;
  legalDuty?: string;
  scenario?: string;
}

/** The most points one return may list (the server's MAX_RETURN_POINTS). */
const MAX_RETURN_POINTS = 20;

const linesOf = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * The steps on an open application: the consumer withdraws (a note is optional); the provider
 * approves every item or only the ticked ones, refuses with a reason it must give, or returns it
 * once for completion listing every missing point (补正, N11), after which the consumer resubmits.
 * Where the provider's head must consent to the answer (809 第二十条第三款) and the reader is not
 * the head, approving or refusing drafts the answer for the head instead (`draftsForHead`).
 */
export function DecisionModal({
  application,
  action,
  draftsForHead = false,
  onClose,
  onDone,
}: {
  application: ApplicationDetail;
  action: DecisionAction | undefined;
  draftsForHead?: boolean;
  onClose(): void;
  onDone(next: ApplicationDetail): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<DecisionForm>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);
  const picked = Form.useWatch('items', form);
  const entry = useApi(action === 'approve' ? `/catalog/entries/${application.entry.id}` : null);
  const approved = mode === 'some' ? (picked ?? []) : application.items;
  const personal = (entry.data?.publishedContent ?? entry.data?.content)?.items
    .filter((i) => i.personal && approved.includes(i.name))
    .map((i) => i.name);

  const run = async () => {
    if (!action) return;
    let values: DecisionForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const id = application.id;
      const step = (name: 'return' | 'resubmit', body: Record<string, unknown>) =>
        api(`/sharing/applications/${id}/${name}`, { method: 'POST', body });
      const note = values.note?.trim() ? { note: values.note.trim() } : {};
      const next =
        action === 'withdraw'
          ? await sharingApi.withdraw(id, values.reason?.trim() || undefined)
          : action === 'refuse'
            ? await sharingApi.refuse(id, (values.reason ?? '').trim())
            : action === 'return'
              ? await step('return', { points: linesOf(values.points), ...note })
              : action === 'resubmit'
                ? await step('resubmit', {
                    ...note,
                    ...(values.legalDuty?.trim() ? { legalDuty: values.legalDuty.trim() } : {}),
                    ...(values.scenario?.trim() ? { scenario: values.scenario.trim() } : {}),
                    ...(values.purposeText !== undefined ? { purposeText: values.purposeText } : {}),
                  })
                : await sharingApi.approve(id, approval(values, personal ?? []));
      void message.success(
        next.status === 'answer_review' ? t('sharing.consent.draftSaved') : t(`sharing.case.done.${action}`),
      );
      onDone(next);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const title =
    action === 'approve'
      ? t('sharing.case.approveTitle')
      : action === 'refuse'
        ? t('sharing.case.refuseTitle')
        : action === 'return'
          ? t('sharing.case.returnTitle')
          : action === 'resubmit'
            ? t('sharing.case.resubmitTitle')
            : t('sharing.case.withdraw');
  return (
    <Modal
      open={!!action}
      title={`${title} · ${application.number}`}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        ...buttonTestId('decision-confirm'),
        danger: action === 'withdraw' || action === 'refuse',
      }}
      destroyOnHidden
      width={560}
    >
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          mode: 'all',
          items: application.items,
          purposeText: application.purposeText ?? undefined,
          legalDuty: application.legalDuty,
          scenario: application.scenario,
        }}
      >
        {draftsForHead && (action === 'approve' || action === 'refuse') && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="decision-drafts-for-head"
            title={t('sharing.consent.draftHint')}
          />
        )}
        {action === 'return' && (
          <>
            <p>{t('sharing.case.returnHint')}</p>
            <Form.Item
              name="points"
              label={t('sharing.case.returnPoints')}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    const n = linesOf(value).length;
                    if (n < 1 || n > MAX_RETURN_POINTS)
                      throw new Error(t('sharing.case.returnPointsRequired'));
                  },
                },
              ]}
            >
              <Input.TextArea rows={6} data-testid="return-points" />
            </Form.Item>
            <Form.Item name="note" label={t('sharing.case.returnNote')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="return-note" />
            </Form.Item>
          </>
        )}
        {action === 'resubmit' && (
          <>
            <p>{t('sharing.case.resubmitHint')}</p>
            <Form.Item
              name="legalDuty"
              label={t('sharing.fields.legalDuty')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="resubmit-legal-duty" />
            </Form.Item>
            <Form.Item
              name="scenario"
              label={t('sharing.fields.scenario')}
              rules={[{ required: true, whitespace: true, message: t('sharing.apply.scenarioRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="resubmit-scenario" />
            </Form.Item>
            <Form.Item name="purposeText" label={t('sharing.fields.purpose')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="resubmit-purpose-text" />
            </Form.Item>
            <Form.Item name="note" label={t('sharing.case.resubmitNote')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="resubmit-note" />
            </Form.Item>
          </>
        )}
        {action === 'withdraw' && (
          <>
            <p>{t('sharing.case.withdrawConfirm', { number: application.number })}</p>
            <Form.Item name="reason" label={t('sharing.case.withdrawReason')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="decision-reason" />
            </Form.Item>
          </>
        )}
        {action === 'approve' && (
          <>
            <Form.Item name="mode">
              <Radio.Group>
                <Radio value="all" data-testid="approve-all">
                  {t('sharing.case.approveAll')}
                </Radio>
                <Radio value="some" data-testid="approve-some">
                  {t('sharing.case.approveSome')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {mode === 'some' && (
              <Form.Item
                name="items"
                label={t('sharing.case.approveItems')}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('sharing.case.approveItemsRequired') },
                ]}
              >
                <Checkbox.Group style={{ display: 'grid', gap: 6 }}>
                  {application.items.map((item) => (
                    <Checkbox key={item} value={item} data-testid={`approve-item-${item}`}>
                      {item}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
            )}
            {personal && personal.length > 0 && (
              <Form.Item
                name="clearItems"
                label={t('exchange.approval.clearItems')}
                extra={t('exchange.approval.clearItemsHint')}
              >
                <Checkbox.Group style={{ display: 'grid', gap: 6 }}>
                  {personal.map((item) => (
                    <Checkbox key={item} value={item} data-testid={`clear-item-${item}`}>
                      {item}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
            )}
            <Form.Item name="comment" label={t('sharing.case.comment')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="decision-comment" />
            </Form.Item>
          </>
        )}
        {action === 'refuse' && (
          <Form.Item
            name="reason"
            label={t('sharing.case.refuseReason')}
            rules={[{ required: true, whitespace: true, message: t('sharing.case.refuseReasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="decision-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The approve body: the ticked items (or all), and the personal ones among them given in clear. */
function approval(values: DecisionForm, personal: string[]) {
  const items = values.mode === 'some' ? (values.items ?? []) : undefined;
  const clearItems = (values.clearItems ?? []).filter(
    (i) => personal.includes(i) && (!items || items.includes(i)),
  );
  const body = {
    ...(items ? { items } : {}),
    ...(clearItems.length > 0 ? { clearItems } : {}),
    ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
  };
  return body;
}
