import {
  KeyOutlined,
  MoreOutlined,
  PlusOutlined,
  SafetyOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Dropdown, Empty, Input, type MenuProps, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { RoleTags } from '../../lib/roles.tsx';
import { SecretModal, type ShownSecret } from '../../lib/secret-modal.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { RolesModal } from './roles-modal.tsx';
import { UserFormModal } from './user-form.tsx';

const PAGE_SIZE = 20;

/** An act on a privileged account answers 202 with the dual-control request instead of its result. */
const isPending = (result: unknown): boolean =>
  typeof result === 'object' && result !== null && 'request' in result;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useApi('/users', {
    q,
    departmentId,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [editing, setEditing] = useState<{ user: User | undefined }>();
  const [rolesOf, setRolesOf] = useState<User>();
  const [secret, setSecret] = useState<ShownSecret>();

  const showPassword = (username: string, password: string) =>
    setSecret({
      title: t('users.passwordTitle'),
      warning: t('users.passwordWarning'),
      values: [{ label: t('users.passwordFor', { username }), value: password, testId: 'initial-password' }],
    });

  const act = async (done: string, call: () => Promise<unknown>) => {
    try {
      const result = await call();
      void message.success(isPending(result) ? t('dualControl.submitted') : done);
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const resetPassword = (user: User) =>
    modal.confirm({
      title: t('users.resetPassword'),
      content: t('users.resetConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const result = await api(`/users/${user.id}/reset-password`, { method: 'POST' });
          // An administrator's one-time password is collected on the dual-control page once approved.
          if ('initialPassword' in result) showPassword(user.username, result.initialPassword);
          else void message.success(t('dualControl.submitted'));
          list.reload();
        } catch (e) {
          showError(e);
        }
      },
    });

  const resetTotp = (user: User) =>
    modal.confirm({
      title: t('dualControl.resetTotp'),
      content: t('dualControl.resetTotpConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        act(t('dualControl.resetTotpDone'), () => api(`/users/${user.id}/reset-totp`, { method: 'POST' })),
    });

  const setStatus = (user: User, status: User['status']) => {
    const call = () =>
      act(status === 'disabled' ? t('users.disabledDone') : t('users.enabled'), () =>
        api(`/users/${user.id}`, { method: 'PATCH', body: { status } }),
      );
    if (status === 'active') return call();
    modal.confirm({
      title: t('users.disable'),
      content: t('users.disableConfirm'),
      okText: t('common.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: call,
    });
  };

  const moreActions = (user: User): MenuProps['items'] =>
    [
      can('user.unlock') && user.locked
        ? { key: 'unlock', icon: <UnlockOutlined />, label: t('users.unlock') }
        : undefined,
      can('user.resetPassword')
        ? { key: 'reset', icon: <KeyOutlined />, label: t('users.resetPassword') }
        : undefined,
      can('user.resetTotp') && user.totpEnabled
        ? { key: 'resetTotp', icon: <SafetyOutlined />, label: t('dualControl.resetTotp') }
        : undefined,
      can('user.manage')
        ? user.status === 'active'
          ? { key: 'disable', icon: <StopOutlined />, label: t('users.disable'), danger: true }
          : { key: 'enable', label: t('users.enable') }
        : undefined,
    ].filter((item) => item !== undefined);

  const onMore = (user: User, key: string) => {
    if (key === 'unlock')
      void act(t('users.unlocked'), () => api(`/users/${user.id}/unlock`, { method: 'POST' }));
    if (key === 'reset') resetPassword(user);
    if (key === 'resetTotp') resetTotp(user);
    if (key === 'disable') void setStatus(user, 'disabled');
    if (key === 'enable') void setStatus(user, 'active');
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          can('user.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ user: undefined })}
              data-testid="user-create"
            >
              {t('users.createTitle')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="user-search"
          />
          <DepartmentSelect
            allowClear
            placeholder={t('users.allDepartments')}
            value={departmentId}
            onChange={(value) => {
              setDepartmentId(value);
              setPage(1);
            }}
            style={{ width: 260 }}
          />
        </Space>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="user-table"
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (count) => t('common.total', { count }),
            showSizeChanger: false,
          }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.department'), dataIndex: 'departmentName' },
            {
              title: t('users.roles'),
              dataIndex: 'roles',
              // An account without a role can do nothing yet: the security administrator should see it.
              render: (roles: string[], user) =>
                roles.length > 0 ? (
                  <RoleTags roles={roles} />
                ) : (
                  <Tag color="warning" data-testid={`user-no-role-${user.username}`}>
                    {t('security.noRoleTag')}
                  </Tag>
                ),
            },
            {
              title: t('users.status'),
              key: 'status',
              render: (_, user) => (
                <Space size={0} data-testid={`user-status-${user.username}`}>
                  {user.status === 'disabled' ? (
                    <Tag color="red">{t('users.disabled')}</Tag>
                  ) : (
                    <Tag color="success">{t('users.active')}</Tag>
                  )}
                  {user.locked && <Tag color="red">{t('users.locked')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('users.totp'),
              dataIndex: 'totpEnabled',
              render: (on: boolean) => (
                <Tag bordered={false} color={on ? 'blue' : 'default'}>
                  {on ? t('dashboard.totpOn') : t('dashboard.totpOff')}
                </Tag>
              ),
            },
            {
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : t('common.never')),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_, user) => {
                const more = moreActions(user);
                return (
                  <Space size={0}>
                    {can('user.manage') && (
                      <Button type="link" size="small" onClick={() => setEditing({ user })}>
                        {t('common.edit')}
                      </Button>
                    )}
                    {can('user.grantRole') && (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setRolesOf(user)}
                        data-testid={`user-roles-${user.username}`}
                      >
                        {t('users.editRoles')}
                      </Button>
                    )}
                    {more && more.length > 0 && (
                      <Dropdown
                        menu={{ items: more, onClick: ({ key }) => onMore(user, key) }}
                        trigger={['click']}
                      >
                        <Button
                          type="text"
                          size="small"
                          icon={<MoreOutlined />}
                          aria-label={t('users.more')}
                          data-testid={`user-more-${user.username}`}
                        />
                      </Dropdown>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      {editing && (
        <UserFormModal
          user={editing.user}
          withRoles={can('user.grantRole')}
          onClose={() => setEditing(undefined)}
          onSaved={(pending) => {
            setEditing(undefined);
            void message.success(pending ? t('dualControl.savedAndSubmitted') : t('common.saved'));
            list.reload();
          }}
          onCreated={(created) => {
            setEditing(undefined);
            void message.success(t('users.created'));
            showPassword(created.user.username, created.initialPassword);
            list.reload();
          }}
        />
      )}
      {rolesOf && (
        <RolesModal
          user={rolesOf}
          onClose={() => setRolesOf(undefined)}
          onSaved={(pending) => {
            setRolesOf(undefined);
            void message.success(pending ? t('dualControl.submitted') : t('users.rolesSaved'));
            list.reload();
          }}
        />
      )}
      <SecretModal secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
