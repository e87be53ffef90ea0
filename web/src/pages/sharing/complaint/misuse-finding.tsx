import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { sharingApi } from '../../../api/sharing.ts';
import { useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';

const MISUSE = ['beyond_scope', 'other_purpose', 'third_party'] as const;
const DAYS = ['5', '10', '15', '20'];

interface FindingForm {
  misuse: (typeof MISUSE)[number][];
  facts: string;
  order: string;
  period: 'days' | 'date';
  days?: string;
  dueDate?: string;
}

/**
 * "认定违规使用" (N17, 809 第二十七条第二款) on a grant: the provider's resource administrator or the
 * competent authority finds the holder's misuse itself — no complaint — which suspends the grant
 * and orders rectification by a date; the finding is then a complaint case of kind
 * `misuse_finding`, where the page goes. The server decides who may.
 */
export function MisuseFindingButton({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FindingForm>();
  const period = Form.useWatch('period', form);

  const run = async () => {
    let v: FindingForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const finding = await sharingApi.findMisuse({
        grantIds: [grantId],
        misuse: v.misuse,
        facts: v.facts.trim(),
        rectification:
          v.period === 'date'
            ? { order: v.order.trim(), dueDate: v.dueDate ?? '' }
            : { order: v.order.trim(), workingDays: Number(v.days ?? '10') },
      });
      void message.success(t('sharing.complaints.finding.done'));
      setOpen(false);
      navigate(`/sharing/complaints/${finding.id}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="grant-find-misuse">
        {t('sharing.complaints.finding.button')}
      </Button>
      <Modal
        open={open}
        title={t('sharing.complaints.finding.title')}
        onCancel={() => setOpen(false)}
        onOk={run}
        confirmLoading={busy}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ ...buttonTestId('finding-confirm'), danger: true }}
        destroyOnHidden
        width={560}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('sharing.complaints.finding.intro')}
          description={<span data-testid="finding-article">{t('sharing.complaints.finding.article')}</span>}
        />
        <Form form={form} layout="vertical" preserve={false} initialValues={{ period: 'days', days: '10' }}>
          <Form.Item
            name="misuse"
            label={t('sharing.complaints.finding.misuse')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('sharing.complaints.finding.misuseRequired'),
              },
            ]}
          >
            <Checkbox.Group>
              {MISUSE.map((m) => (
                <Checkbox key={m} value={m} data-testid={`finding-misuse-${m}`}>
                  {t(`sharing.complaints.finding.misuseKinds.${m}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="facts"
            label={t('sharing.complaints.finding.facts')}
            rules={[
              { required: true, whitespace: true, message: t('sharing.complaints.finding.factsRequired') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={10_000} data-testid="finding-facts" />
          </Form.Item>
          <Form.Item
            name="order"
            label={t('sharing.complaints.finding.order')}
            rules={[
              { required: true, whitespace: true, message: t('sharing.complaints.finding.orderRequired') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} data-testid="finding-order" />
          </Form.Item>
          <Form.Item name="period" label={t('sharing.complaints.finding.period')}>
            <Radio.Group>
              <Radio value="days" data-testid="finding-period-days">
                {t('sharing.complaints.finding.byDays')}
              </Radio>
              <Radio value="date" data-testid="finding-period-date">
                {t('sharing.complaints.finding.byDate')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {period === 'date' ? (
            <Form.Item
              name="dueDate"
              label={t('sharing.complaints.finding.dueDate')}
              rules={[{ required: true, message: t('sharing.complaints.finding.dueDateRequired') }]}
            >
              <Input type="date" data-testid="finding-due-date" />
            </Form.Item>
          ) : (
            <Form.Item name="days">
              <Radio.Group>
                {DAYS.map((d) => (
                  <Radio key={d} value={d} data-testid={`finding-days-${d}`}>
                    {t('sharing.complaints.finding.days', { days: d })}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
