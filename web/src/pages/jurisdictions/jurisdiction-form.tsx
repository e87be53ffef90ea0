import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Jurisdiction, JurisdictionLevel } from '../../api/types.ts';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';

/** GB/T 2260 layout: 44 province, 4401 city, 440103 county; a child starts with its parent's digits. */
function codePlaceholder(parent: Jurisdiction | undefined, level: JurisdictionLevel): string {
  const digits = { province: 2, city: 4, county: 6 }[level];
  const prefix = parent ? parent.code.slice(0, digits - 2) : '';
  return `${prefix}${'X'.repeat(digits - prefix.length)}`.padEnd(6, '0');
}

interface Values {
  code: string;
  name: string;
  level: JurisdictionLevel;
}

/** Creates a jurisdiction under `parent` (or a province when there is none). */
export function CreateJurisdictionModal({
  open,
  parent,
  level,
  onClose,
  onCreated,
}: {
  open: boolean;
  parent: Jurisdiction | undefined;
  level: JurisdictionLevel;
  onClose: () => void;
  onCreated: (created: Jurisdiction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await api('/jurisdictions', {
        method: 'POST',
        body: { code: values.code.trim(), name: values.name.trim(), level, parentId: parent?.id ?? null },
      });
      form.resetFields();
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
      title={parent ? `${t('jurisdictions.createChild')} · ${parent.name}` : t('jurisdictions.createRoot')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      okButtonProps={buttonTestId('jurisdiction-submit')}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="jurisdiction-form">
        <Form.Item label={t('jurisdictions.parent')}>
          <Input value={parent ? `${parent.name}（${parent.code}）` : '—'} disabled />
        </Form.Item>
        <Form.Item label={t('jurisdictions.level')}>
          <Select
            value={level}
            disabled
            options={[{ value: level, label: t(`jurisdictions.levels.${level}`) }]}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('jurisdictions.code')}
          extra={t('jurisdictions.codeHint')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('jurisdictions.codeFormat') }]}
        >
          <Input maxLength={6} placeholder={codePlaceholder(parent, level)} data-testid="jurisdiction-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('jurisdictions.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('departments.required', { field: t('jurisdictions.name') }),
            },
          ]}
        >
          <Input maxLength={64} data-testid="jurisdiction-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RenameJurisdictionModal({
  jurisdiction,
  onClose,
  onSaved,
}: {
  jurisdiction: Jurisdiction | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();

  const submit = async () => {
    if (!jurisdiction) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      await api(`/jurisdictions/${jurisdiction.id}`, { method: 'PATCH', body: { name: values.name.trim() } });
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!jurisdiction}
      title={t('jurisdictions.rename')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ name: jurisdiction?.name }}>
        <Form.Item name="name" label={t('jurisdictions.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
