import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiClientSecret } from '../../api/types.ts';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';

export function CreateClientModal({
  defaultDepartment,
  onClose,
  onCreated,
}: {
  defaultDepartment: { value: string; label: string } | undefined;
  onClose: () => void;
  onCreated: (created: ApiClientSecret) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; departmentId: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await api('/api-clients', {
        method: 'POST',
        body: { name: values.name.trim(), departmentId: values.departmentId },
      });
      onCreated(created);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('apiClients.createTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      okButtonProps={buttonTestId('client-submit')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ departmentId: defaultDepartment?.value }}
        data-testid="client-form"
      >
        <Form.Item
          name="name"
          label={t('apiClients.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('departments.required', { field: t('apiClients.name') }),
            },
          ]}
        >
          <Input maxLength={64} placeholder={t('apiClients.namePlaceholder')} data-testid="client-name" />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('apiClients.department')}
          rules={[
            { required: true, message: t('departments.required', { field: t('apiClients.department') }) },
          ]}
        >
          <DepartmentSelect data-testid="client-department" known={defaultDepartment} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
