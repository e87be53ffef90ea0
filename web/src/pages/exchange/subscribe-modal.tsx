import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { exchangeApi, type SubscriptionCreated, type SubscriptionMode } from './api.ts';
import { GrantSelect, useHeldGrants } from './grant-picker.tsx';

interface SubscribeForm {
  grantId: string;
  mode: SubscriptionMode;
  url?: string;
  algorithm?: 'hmac-sha256' | 'hmac-sm3';
}

/**
 * A new subscription on a grant that allows subscription: pull (the department's node asks for
 * changes) or push (the platform posts them, signed, to the department's webhook).
 */
export function SubscribeModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(created: SubscriptionCreated): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SubscribeForm>();
  const [busy, setBusy] = useState(false);
  const held = useHeldGrants(['subscription']);
  const mode = Form.useWatch('mode', form);
  const grantId = Form.useWatch('grantId', form);

  const run = async () => {
    let values: SubscribeForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const grant = held.grants.find((g) => g.id === values.grantId);
    if (!grant) return;
    setBusy(true);
    try {
      const created = await exchangeApi.subscribe({
        entryId: grant.entry.id,
        purpose: grant.purpose,
        mode: values.mode,
        ...(values.mode === 'push'
          ? { url: values.url?.trim() ?? '', ...(values.algorithm ? { algorithm: values.algorithm } : {}) }
          : {}),
      });
      void message.success(t('exchange.subscriptions.created'));
      onCreated(created);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('exchange.subscriptions.create')}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonTestId('subscribe-confirm')}
      destroyOnHidden
      width={620}
    >
      <Form<SubscribeForm> form={form} layout="vertical" preserve={false} initialValues={{ mode: 'pull' }}>
        <Form.Item
          name="grantId"
          label={t('exchange.query.grant')}
          rules={[{ required: true, message: t('exchange.query.pickGrant') }]}
        >
          <GrantSelect
            grants={held.grants}
            value={grantId}
            onChange={(id) => form.setFieldValue('grantId', id)}
            loading={held.loading}
            testId="subscribe-grant"
          />
        </Form.Item>
        <Form.Item
          name="mode"
          label={t('exchange.subscriptions.mode')}
          extra={t(`exchange.subscriptions.modeHints.${mode ?? 'pull'}`)}
        >
          <Radio.Group>
            <Radio value="pull" data-testid="subscribe-mode-pull">
              {t('exchange.subscriptions.modes.pull')}
            </Radio>
            <Radio value="push" data-testid="subscribe-mode-push">
              {t('exchange.subscriptions.modes.push')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'push' && (
          <>
            <Form.Item
              name="url"
              label={t('exchange.subscriptions.url')}
              rules={[
                { required: true, message: t('exchange.subscriptions.urlRequired') },
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value?.trim()) return;
                    let url: URL | undefined;
                    try {
                      url = new URL(value.trim());
                    } catch {
                      url = undefined;
                    }
                    if (!url || !['http:', 'https:'].includes(url.protocol))
                      throw new Error(t('exchange.subscriptions.urlInvalid'));
                  },
                },
              ]}
            >
              <Input placeholder="https://" data-testid="subscribe-url" />
            </Form.Item>
            <Form.Item name="algorithm" label={t('exchange.subscriptions.algorithm')}>
              <Select
                allowClear
                placeholder={t('exchange.subscriptions.algorithmDefault')}
                options={[
                  { value: 'hmac-sm3', label: 'HMAC-SM3' },
                  { value: 'hmac-sha256', label: 'HMAC-SHA256' },
                ]}
              />
            </Form.Item>
            <Alert type="info" showIcon title={t('exchange.subscriptions.pushHint')} />
          </>
        )}
      </Form>
    </Modal>
  );
}
