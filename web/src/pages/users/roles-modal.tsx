import { Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role, User } from '../../api/types.ts';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useRoles } from '../../lib/use-roles.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';

export function RolesModal({
  user,
  onClose,
  onSaved,
}: {
  user: User;
  onClose: () => void;
  /** `pending`: the change touches a separated role and waits for dual control. */
  onSaved: (pending: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { roles } = useRoles();

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const result = await api(`/users/${user.id}/roles`, {
        method: 'PUT',
        body: { roles: values.roles ?? [] },
      });
      onSaved('request' in result);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.rolesTitle', { name: user.displayName || user.username })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      okButtonProps={buttonTestId('roles-submit')}
    >
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles }}>
        <Form.Item name="roles" extra={t('users.separatedHint')}>
          <RoleCheckboxes roles={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
