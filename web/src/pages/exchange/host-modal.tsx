import { Alert, App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { exchangeApi } from './api.ts';

/**
 * 托管一个已发布的资源: the department's published entries not yet hosted. The server makes the
 * table from the published version and needs at least one key item (it says so if there is none).
 */
export function HostModal({
  open,
  hosted,
  onClose,
  onHosted,
}: {
  open: boolean;
  hosted: string[];
  onClose(): void;
  onHosted(entryId: string): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ entryId: string }>();
  const [busy, setBusy] = useState(false);
  const entries = useApi(open ? '/catalog/entries' : null, {
    mine: true,
    status: 'published',
    pageSize: 200,
  });
  const choices = (entries.data?.items ?? []).filter((e) => !hosted.includes(e.id));

  const run = async () => {
    let values: { entryId: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await exchangeApi.host(values.entryId);
      void message.success(t('exchange.resources.hosted'));
      onHosted(values.entryId);
      navigate(`/exchange/resources/${values.entryId}`);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('exchange.resources.hostTitle')}
      onCancel={onClose}
      onOk={run}
      confirmLoading={busy}
      okText={t('exchange.resources.hostConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={buttonTestId('host-confirm')}
      destroyOnHidden
      width={600}
    >
      <Alert type="info" showIcon title={t('exchange.resources.hostHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="entryId"
          label={t('exchange.fields.resource')}
          rules={[{ required: true, message: t('exchange.resources.pickEntry') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={entries.loading}
            placeholder={t('exchange.resources.pickEntry')}
            data-testid="host-entry"
            notFoundContent={t('exchange.resources.noEntries')}
            options={choices.map((e) => ({ value: e.id, label: `${e.name}（${e.code}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
