import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import type { Role, User } from '../../api/types.ts';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useRoles } from '../../lib/use-roles.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';

interface Values {
  username: string;
  displayName: string;
  departmentId: string;
  email?: string;
  phone?: string;
  roles?: Role[];
}

export type CreatedUser = ResponseOf<'/users', 'POST'>;

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Creates a user (answering with the one-time password) or edits `user`'s profile fields. */
export function UserFormModal({
  user,
  withRoles,
  onClose,
  onCreated,
  onSaved,
}: {
  user: User | undefined;
  withRoles: boolean;
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
  /** pending: part of the change (a privileged account's e-mail/phone) waits for dual control. */
  onSaved: (pending: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { roles } = useRoles();

  const submit = async () => {
    const values = await form.validateFields();
    const email = optional(values.email);
    const phone = optional(values.phone);
    setBusy(true);
    try {
      if (user) {
        const result = await api(`/users/${user.id}`, {
          method: 'PATCH',
          // null clears a contact field; leaving it out keeps it
          body: { displayName: values.displayName.trim(), email: email ?? null, phone: phone ?? null },
        });
        // 202: a privileged account's e-mail/phone change waits for a second administrator.
        onSaved('request' in result);
      } else {
        const created = await api('/users', {
          method: 'POST',
          body: {
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            departmentId: values.departmentId,
            ...(email ? { email } : {}),
            ...(phone ? { phone } : {}),
            ...(withRoles && values.roles && values.roles.length > 0 ? { roles: values.roles } : {}),
          },
        });
        onCreated(created);
      }
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle') : t('users.createTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={560}
      destroyOnHidden
      okButtonProps={buttonTestId('user-submit')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={
          user
            ? { ...user, email: user.email ?? undefined, phone: user.phone ?? undefined }
            : { roles: [] as string[] }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,32}$/, message: t('users.usernameFormat') }]}
        >
          <Input disabled={!!user} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('departments.required', { field: t('users.displayName') }),
            },
          ]}
        >
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('users.department')}
          rules={[{ required: true, message: t('departments.required', { field: t('users.department') }) }]}
        >
          <DepartmentSelect data-testid="user-department" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ type: 'email', message: t('users.emailFormat') }]}
        >
          <Input data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('users.phoneFormat') }]}
        >
          <Input maxLength={20} data-testid="user-phone" />
        </Form.Item>
        {!user && withRoles && (
          <Form.Item name="roles" label={t('users.roles')} extra={t('users.separatedHint')}>
            <RoleCheckboxes roles={roles} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
