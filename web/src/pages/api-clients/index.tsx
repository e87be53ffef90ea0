import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiClient, ApiClientSecret } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SecretModal, type ShownSecret } from '../../lib/secret-modal.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useMe, useSession } from '../../session/index.tsx';
import { CreateClientModal } from './create-client-modal.tsx';

export function ApiClientsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useMe();
  const { can } = useSession();
  // Only a department's own resource administrators mint and rotate its clients (issue 12):
  // platform staff see the list and, in an emergency, revoke.
  const canManage = can('apiClient.manage');
  const canRevoke = can('apiClient.revoke');
  const [departmentId, setDepartmentId] = useState<string>();
  const list = useApi('/api-clients', { departmentId });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret>();

  const showSecret = ({ client, clientSecret }: ApiClientSecret) =>
    setSecret({
      title: `${t('apiClients.secretTitle')} · ${client.name}`,
      warning: t('apiClients.secretWarning'),
      acknowledge: t('apiClients.secretSaved'),
      values: [
        { label: t('apiClients.clientId'), value: client.clientId, testId: 'client-id' },
        { label: t('apiClients.secret'), value: clientSecret, testId: 'client-secret' },
      ],
    });

  const rotate = async (client: ApiClient) => {
    try {
      showSecret(await api(`/api-clients/${client.id}/rotate`, { method: 'POST' }));
      void message.success(t('apiClients.rotateDone'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const revoke = async (client: ApiClient) => {
    try {
      await api(`/api-clients/${client.id}/revoke`, { method: 'POST' });
      void message.success(t('apiClients.revokedDone'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('apiClients.title')}
        subtitle={t('apiClients.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="client-create"
            >
              {t('apiClients.createTitle')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {!canManage && canRevoke && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('apiClients.staffNotice')}
          data-testid="client-staff-notice"
        />
      )}
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <DepartmentSelect
            allowClear
            placeholder={t('users.allDepartments')}
            value={departmentId}
            onChange={setDepartmentId}
            style={{ width: 280 }}
          />
        </Space>
        <Table<ApiClient>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="client-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('apiClients.empty')} /> }}
          columns={[
            { title: t('apiClients.name'), dataIndex: 'name' },
            {
              title: t('apiClients.clientId'),
              dataIndex: 'clientId',
              render: (v: string) => (
                <Typography.Text code copyable>
                  {v}
                </Typography.Text>
              ),
            },
            { title: t('apiClients.department'), dataIndex: 'departmentName' },
            {
              title: t('apiClients.status'),
              dataIndex: 'status',
              render: (status: ApiClient['status'], row) => (
                <Tag
                  color={status === 'active' ? 'success' : status === 'suspended' ? 'orange' : 'red'}
                  data-testid={`client-status-${row.name}`}
                >
                  {t(`apiClients.${status}`)}
                </Tag>
              ),
            },
            {
              title: t('apiClients.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            {
              title: t('apiClients.rotatedAt'),
              dataIndex: 'rotatedAt',
              render: (v: string | null) => formatDateTime(v, i18n.language),
            },
            {
              title: t('apiClients.lastUsedAt'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : t('common.never')),
            },
            ...(canManage || canRevoke
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 180,
                    render: (_: unknown, row: ApiClient) =>
                      row.status === 'active' && (
                        <Space size={0}>
                          {canManage && (
                            <Popconfirm
                              title={t('apiClients.rotate')}
                              description={
                                <div style={{ maxWidth: 280 }}>{t('apiClients.rotateConfirm')}</div>
                              }
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => rotate(row)}
                            >
                              <Button
                                type="link"
                                size="small"
                                icon={<ReloadOutlined />}
                                data-testid={`client-rotate-${row.name}`}
                              >
                                {t('apiClients.rotate')}
                              </Button>
                            </Popconfirm>
                          )}
                          {canRevoke && (
                            <Popconfirm
                              title={t('apiClients.revoke')}
                              description={
                                <div style={{ maxWidth: 280 }}>{t('apiClients.revokeConfirm')}</div>
                              }
                              okText={t('common.confirm')}
                              okButtonProps={{ danger: true }}
                              cancelText={t('common.cancel')}
                              onConfirm={() => revoke(row)}
                            >
                              <Button
                                type="link"
                                size="small"
                                danger
                                icon={<StopOutlined />}
                                data-testid={`client-revoke-${row.name}`}
                              >
                                {t('apiClients.revoke')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {creating && (
        <CreateClientModal
          defaultDepartment={{ value: me.department.id, label: me.department.name }}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            showSecret(created);
            list.reload();
          }}
        />
      )}
      <SecretModal secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
