import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import type { OfficeRoster } from './department-office.tsx';

interface Values {
  officeName: string;
  officePhone: string;
  officeEmail: string;
  headKind: 'account' | 'name';
  headUserId?: string;
  headName?: string;
  headTitle: string;
  officerUserId: string;
}

const PHONE = /^\+?[0-9][0-9 -]{3,18}[0-9]$/;

/** Records or changes a department's sharing office, head and officer. */
export function OfficeFormModal({
  departmentId,
  roster,
  onClose,
  onSaved,
}: {
  departmentId: string;
  roster: OfficeRoster | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const headKind =
    Form.useWatch('headKind', form) ?? (roster && roster.head.userId === null ? 'name' : 'account');
  const members = useApi('/users', { departmentId, limit: 500 });
  const options = (members.data?.items ?? [])
    .filter((u) => u.status === 'active')
    .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('departments.required', { field }),
  });

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      officeName: v.officeName.trim(),
      officePhone: v.officePhone.trim(),
      officeEmail: v.officeEmail.trim(),
      headTitle: v.headTitle.trim(),
      officerUserId: v.officerUserId,
      ...(v.headKind === 'account'
        ? { headUserId: v.headUserId, headName: null }
        : { headUserId: null, headName: v.headName?.trim() }),
    };
    setBusy(true);
    try {
      await api(`/departments/${departmentId}/office`, { method: 'PUT', body });
      onSaved();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={roster ? t('departments.office.edit') : t('departments.office.record')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
      okButtonProps={buttonTestId('office-submit')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="office-form"
        initialValues={{
          officeName: roster?.office.name,
          officePhone: roster?.office.phone,
          officeEmail: roster?.office.email,
          headKind: roster && roster.head.userId === null ? 'name' : 'account',
          headUserId: roster?.head.userId ?? undefined,
          headName: roster?.head.userId === null ? roster.head.name : undefined,
          headTitle: roster?.head.title,
          officerUserId: roster?.officer.userId,
        }}
      >
        <Form.Item
          name="officeName"
          label={t('departments.office.officeName')}
          rules={[required(t('departments.office.officeName'))]}
        >
          <Input maxLength={100} data-testid="office-name-input" />
        </Form.Item>
        <Form.Item
          name="officePhone"
          label={t('departments.office.phone')}
          rules={[
            required(t('departments.office.phone')),
            { pattern: PHONE, message: t('departments.office.phoneFormat') },
          ]}
        >
          <Input maxLength={20} data-testid="office-phone-input" />
        </Form.Item>
        <Form.Item
          name="officeEmail"
          label={t('departments.office.email')}
          rules={[
            required(t('departments.office.email')),
            { type: 'email', message: t('departments.office.emailFormat') },
          ]}
        >
          <Input maxLength={100} data-testid="office-email-input" />
        </Form.Item>
        <Form.Item name="headKind" label={t('departments.office.headKind')}>
          <Radio.Group
            data-testid="office-head-kind"
            options={[
              { value: 'account', label: t('departments.office.headByAccount') },
              { value: 'name', label: t('departments.office.headByName') },
            ]}
          />
        </Form.Item>
        {headKind === 'account' ? (
          <Form.Item
            name="headUserId"
            label={t('departments.office.headUser')}
            rules={[
              { required: true, message: t('departments.required', { field: t('departments.office.head') }) },
            ]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={members.loading}
              options={options}
              data-testid="office-head-user"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="headName"
            label={t('departments.office.headName')}
            rules={[required(t('departments.office.headName'))]}
          >
            <Input maxLength={100} data-testid="office-head-name-input" />
          </Form.Item>
        )}
        <Form.Item
          name="headTitle"
          label={t('departments.office.headTitle')}
          rules={[required(t('departments.office.headTitle'))]}
        >
          <Input maxLength={100} data-testid="office-head-title-input" />
        </Form.Item>
        <Form.Item
          name="officerUserId"
          label={t('departments.office.officer')}
          rules={[
            {
              required: true,
              message: t('departments.required', { field: t('departments.office.officer') }),
            },
          ]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={members.loading}
            options={options}
            data-testid="office-officer-user"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
