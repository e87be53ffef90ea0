import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { DEPARTMENT_KINDS, type Department, type DepartmentKind } from '../../api/types.ts';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { isValidUscc } from '../../lib/uscc.ts';
import { JurisdictionSelect } from './jurisdiction-select.tsx';

interface Values {
  name: string;
  shortName: string;
  uscc: string;
  jurisdictionId: string;
  kind: DepartmentKind;
  status?: Department['status'];
}

/** Creates a department, or edits `department` when given. */
export function DepartmentFormModal({
  department,
  onClose,
  onSaved,
}: {
  department: Department | undefined;
  onClose: () => void;
  onSaved: (saved: Department | undefined) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('departments.required', { field }),
  });

  const submit = async () => {
    const values = await form.validateFields();
    const common = {
      name: values.name.trim(),
      shortName: values.shortName.trim(),
      uscc: values.uscc.trim().toUpperCase(),
      kind: values.kind,
    };
    setBusy(true);
    try {
      // A department stays in its jurisdiction: the API edits everything else.
      const saved = department
        ? await api(`/departments/${department.id}`, {
            method: 'PATCH',
            body: { ...common, ...(values.status ? { status: values.status } : {}) },
          })
        : await api('/departments', {
            method: 'POST',
            body: { ...common, jurisdictionId: values.jurisdictionId },
          });
      onSaved(saved);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={department ? t('departments.editTitle') : t('departments.createTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
      okButtonProps={buttonTestId('department-submit')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="department-form"
        initialValues={department ?? { kind: 'government' }}
      >
        <Form.Item name="name" label={t('departments.name')} rules={[required(t('departments.name'))]}>
          <Input maxLength={100} data-testid="department-name" />
        </Form.Item>
        <Form.Item
          name="shortName"
          label={t('departments.shortName')}
          rules={[required(t('departments.shortName'))]}
        >
          <Input maxLength={32} data-testid="department-short-name" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('departments.uscc')}
          normalize={(value: string | undefined) => value?.toUpperCase().replace(/\s+/g, '')}
          validateFirst
          rules={[
            required(t('departments.uscc')),
            { len: 18, message: t('departments.usccLength') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && !isValidUscc(value)) throw new Error(t('departments.usccInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={18} showCount style={{ fontFamily: 'monospace' }} data-testid="department-uscc" />
        </Form.Item>
        <Form.Item
          name="jurisdictionId"
          label={t('departments.jurisdiction')}
          rules={[
            { required: true, message: t('departments.required', { field: t('departments.jurisdiction') }) },
          ]}
        >
          <JurisdictionSelect data-testid="department-jurisdiction" disabled={!!department} />
        </Form.Item>
        <Form.Item name="kind" label={t('departments.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="department-kind"
            options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`departments.kinds.${kind}`) }))}
          />
        </Form.Item>
        {department && (
          <Form.Item name="status" label={t('common.status')}>
            <Select
              options={(['active', 'disabled'] as const).map((s) => ({
                value: s,
                label: t(`departments.statuses.${s}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
