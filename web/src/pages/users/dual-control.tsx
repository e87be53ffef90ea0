import { App, Button, Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { RoleTags } from '../../lib/roles.tsx';
import { SecretModal, type ShownSecret } from '../../lib/secret-modal.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

/** GET /api/v1/dual-control-requests item. */
export type DualControlRequest = ResponseOf<'/dual-control-requests'>['items'][number];
type Act = DualControlRequest['action'];
type Status = DualControlRequest['status'];

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<Status, string> = {
  pending: 'gold',
  approved: 'blue',
  executed: 'success',
  refused: 'red',
  withdrawn: 'default',
  expired: 'default',
};

/**
 * Acts on privileged accounts (the three administrators', and those that read the audit trail)
 * waiting for a second administrator (双人审批). The
 * server decides who may approve; the page offers the buttons that can succeed for the reader.
 */
export function DualControlPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const { me, can } = useSession();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const [secret, setSecret] = useState<ShownSecret>();
  const list = useApi('/dual-control-requests', {
    status,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  const step = (request: DualControlRequest, to: 'approve' | 'refuse', done: string, confirm: string) =>
    modal.confirm({
      title: t(
        `dualControl.${to === 'approve' ? 'approve' : request.requestedBy.id === me?.id ? 'withdraw' : 'refuse'}`,
      ),
      content: confirm,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: to === 'refuse' ? { danger: true } : {},
      onOk: async () => {
        try {
          await api(`/dual-control-requests/${request.id}/${to}`, { method: 'POST', body: {} });
          void message.success(done);
          list.reload();
        } catch (e) {
          showError(e);
        }
      },
    });

  const collect = async (request: DualControlRequest) => {
    try {
      const { initialPassword } = await api(`/dual-control-requests/${request.id}/collect`, {
        method: 'POST',
      });
      setSecret({
        title: t('users.passwordTitle'),
        warning: t('dualControl.passwordWarning'),
        values: [
          {
            label: t('users.passwordFor', { username: request.target.username }),
            value: initialPassword,
            testId: 'initial-password',
          },
        ],
      });
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const detail = (request: DualControlRequest) => {
    if (request.action === 'set_roles') return <RoleTags roles={request.payload.roles ?? []} />;
    if (request.action === 'set_status' && request.payload.status)
      return t(`dualControl.toStatus.${request.payload.status}`);
    if (request.action === 'set_contact')
      return (['email', 'phone'] as const)
        .filter((field) => request.payload[field] !== undefined)
        .map(
          (field) =>
            `${t(`dualControl.contact.${field}`)}：${request.payload[field] ?? t('dualControl.contact.cleared')}`,
        )
        .join('；');
    return null;
  };

  const actions = (request: DualControlRequest) => {
    const mine = request.requestedBy.id === me?.id;
    const aboutMe = request.target.id === me?.id;
    return (
      <Space size={0}>
        {request.status === 'pending' && !mine && !aboutMe && can('dualControl.decide') && (
          <>
            <Button
              type="link"
              size="small"
              data-testid={`dual-approve-${request.id}`}
              onClick={() =>
                step(request, 'approve', t('dualControl.approved'), t('dualControl.approveConfirm'))
              }
            >
              {t('dualControl.approve')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                step(request, 'refuse', t('dualControl.refused'), t('dualControl.refuseConfirm'))
              }
            >
              {t('dualControl.refuse')}
            </Button>
          </>
        )}
        {request.status === 'pending' && mine && (
          <Button
            type="link"
            size="small"
            onClick={() =>
              step(request, 'refuse', t('dualControl.withdrawn'), t('dualControl.refuseConfirm'))
            }
          >
            {t('dualControl.withdraw')}
          </Button>
        )}
        {request.status === 'approved' && mine && request.action === 'reset_password' && (
          <Button
            type="link"
            size="small"
            data-testid={`dual-collect-${request.id}`}
            onClick={() => void collect(request)}
          >
            {t('dualControl.collect')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <>
      <PageHeader title={t('dualControl.title')} subtitle={t('dualControl.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <span>{t('dualControl.statusFilter')}</span>
          <Select<Status | 'all'>
            aria-label={t('dualControl.statusFilter')}
            value={status ?? 'all'}
            style={{ width: 180 }}
            onChange={(value) => {
              setStatus(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('dualControl.all') },
              ...(Object.keys(STATUS_COLORS) as Status[]).map((s) => ({
                value: s,
                label: t(`dualControl.status.${s}`),
              })),
            ]}
          />
        </Space>
        <Table<DualControlRequest>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="dual-control-table"
          locale={{ emptyText: <Empty description={t('dualControl.empty')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (count) => t('common.total', { count }),
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('dualControl.field.action'),
              dataIndex: 'action',
              render: (a: Act) => t(`dualControl.action.${a}`),
            },
            {
              title: t('dualControl.field.target'),
              key: 'target',
              render: (_, r) => <code>{r.target.username}</code>,
            },
            { title: t('dualControl.field.detail'), key: 'detail', render: (_, r) => detail(r) },
            {
              title: t('dualControl.field.requestedBy'),
              key: 'requestedBy',
              render: (_, r) => (
                <Space size={4}>
                  <code>{r.requestedBy.username}</code>
                  <RoleTags roles={[r.requestedByRole]} />
                </Space>
              ),
            },
            {
              title: t('dualControl.field.requestedAt'),
              dataIndex: 'requestedAt',
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            {
              title: t('dualControl.field.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            {
              title: t('dualControl.field.status'),
              dataIndex: 'status',
              render: (s: Status) => <Tag color={STATUS_COLORS[s]}>{t(`dualControl.status.${s}`)}</Tag>,
            },
            {
              title: t('dualControl.field.decidedBy'),
              key: 'decidedBy',
              render: (_, r) => (r.decidedBy ? <code>{r.decidedBy.username}</code> : null),
            },
            { title: t('common.actions'), key: 'actions', render: (_, r) => actions(r) },
          ]}
        />
      </Card>
      <SecretModal secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
