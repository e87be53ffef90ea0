import { UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { RoleTags } from '../../lib/roles.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { type AccountSecurity, type AccountSort, CONCERNS, type Concern } from './types.ts';

const PAGE_SIZE = 20;
const DAY_CHOICES = [1, 7, 30, 90];
/** The four counts at the top; disabled accounts are one choice of the filter. */
const SUMMARY: { concern: Exclude<Concern, 'disabled'>; color: string }[] = [
  { concern: 'locked', color: '#dc2626' },
  { concern: 'failedSignIns', color: '#d97706' },
  { concern: 'totpMissing', color: '#d97706' },
  { concern: 'noRole', color: '#2563eb' },
];
const CONCERN_COLORS: Record<Concern, string> = {
  locked: 'red',
  failedSignIns: 'orange',
  totpMissing: 'gold',
  noRole: 'blue',
  disabled: 'default',
};

/**
 * 账号安全: the accounts the security administrator should look at, counted at the top, listed
 * with the filter, sort and page applied on the server; a locked one is unlocked through the same
 * act as on the users page, so a privileged account's unlock still waits for dual control.
 */
export function AccountSecurityPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const [concern, setConcern] = useState<Concern | 'any'>('any');
  const [days, setDays] = useState(7);
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string>();
  const [sort, setSort] = useState<{ key: AccountSort; order: 'asc' | 'desc' }>({
    key: 'lastFailedAt',
    order: 'desc',
  });
  const [page, setPage] = useState(1);
  const list = useApi('/security/accounts', {
    concern,
    days,
    q,
    departmentId,
    sort: sort.key,
    order: sort.order,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const data = list.data;
  const [unlocking, setUnlocking] = useState<string>();

  const filter = (next: Concern | 'any') => {
    setConcern(next);
    setPage(1);
  };

  const unlock = async (account: AccountSecurity) => {
    setUnlocking(account.id);
    try {
      // A privileged account answers 202: the unlock waits for an administrator of another kind.
      const result = await api(`/users/${account.id}/unlock`, { method: 'POST' });
      void message.success('request' in result ? t('dualControl.submitted') : t('security.unlocked'));
      list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setUnlocking(undefined);
    }
  };

  const sortOrder = (key: AccountSort) =>
    sort.key === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const onChange: TableProps<AccountSecurity>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.order ? (one.columnKey as AccountSort) : 'lastFailedAt';
    const order = one?.order === 'ascend' ? 'asc' : 'desc';
    if (key !== sort.key || order !== sort.order) {
      setSort({ key, order });
      setPage(1);
    } else setPage(pagination.current ?? 1);
  };
  const when = (value: string | null) => (value ? formatDateTime(value, i18n.language) : '—');

  return (
    <>
      <PageHeader title={t('security.title')} subtitle={t('security.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {SUMMARY.map(({ concern: key, color }) => {
          const value = data?.summary[key] ?? 0;
          return (
            <Col xs={12} lg={6} key={key}>
              <Card
                variant="borderless"
                hoverable
                size="small"
                onClick={() => filter(key)}
                data-testid={`security-summary-${key}`}
                data-value={data ? value : undefined}
                style={concern === key ? { boxShadow: `inset 0 0 0 2px ${color}` } : undefined}
              >
                <Statistic
                  title={t(`security.summary.${key}`, { days: data?.days ?? days })}
                  value={value}
                  loading={!data}
                  styles={{ content: { color: value > 0 ? color : undefined } }}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('security.concernFilter')}
            value={concern}
            onChange={filter}
            style={{ width: 170 }}
            data-testid="security-concern"
            options={(['any', ...CONCERNS] as const).map((c) => ({
              value: c,
              label:
                c === 'disabled' && data
                  ? `${t('security.concern.disabled')}（${data.summary.disabled}）`
                  : t(`security.concern.${c}`),
            }))}
          />
          <Select
            aria-label={t('security.daysFilter')}
            value={days}
            onChange={(value) => {
              setDays(value);
              setPage(1);
            }}
            style={{ width: 120 }}
            data-testid="security-days"
            options={DAY_CHOICES.map((count) => ({ value: count, label: t('security.days', { count }) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('security.searchPlaceholder')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 240, maxWidth: '100%' }}
            data-testid="security-search"
          />
          <DepartmentSelect
            allowClear
            placeholder={t('security.allDepartments')}
            value={departmentId}
            onChange={(value) => {
              setDepartmentId(value);
              setPage(1);
            }}
            style={{ width: 240, maxWidth: '100%' }}
          />
        </Space>
        {data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('security.policy', data.policy)}
          />
        )}
        <Table<AccountSecurity>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={data?.items ?? []}
          data-testid="security-table"
          scroll={{ x: 'max-content' }}
          onChange={onChange}
          locale={{ emptyText: <Empty description={t('security.empty')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showTotal: (count) => t('common.total', { count }),
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('security.column.account'),
              key: 'username',
              sorter: true,
              sortOrder: sortOrder('username'),
              render: (_, a) => (
                <Space orientation="vertical" size={0}>
                  <code>{a.username}</code>
                  <Typography.Text type="secondary">{a.displayName}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('security.column.department'),
              key: 'department',
              dataIndex: 'departmentName',
              sorter: true,
              sortOrder: sortOrder('department'),
            },
            {
              title: t('security.column.roles'),
              key: 'roles',
              // An account without one shows it among the concerns.
              render: (_, a) => (a.roles.length > 0 ? <RoleTags roles={a.roles} /> : '—'),
            },
            {
              title: t('security.column.concerns'),
              key: 'concerns',
              render: (_, a) => (
                <Space size={[0, 4]} wrap data-testid={`security-concerns-${a.username}`}>
                  {a.concerns.map((c) => (
                    <Tag key={c} color={CONCERN_COLORS[c]} data-concern={c}>
                      {t(`security.concern.${c}`)}
                    </Tag>
                  ))}
                  {a.privileged && <Tag bordered={false}>{t('security.privileged')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('security.column.lockedUntil'),
              key: 'lockedUntil',
              sorter: true,
              sortOrder: sortOrder('lockedUntil'),
              render: (_, a) =>
                a.locked ? (
                  <Space orientation="vertical" size={0} data-testid={`security-lock-${a.username}`}>
                    <span>{when(a.lockedUntil)}</span>
                    {a.lockedAfterFailures !== null && (
                      <Typography.Text type="secondary">
                        {t('security.lockedAfter', { count: a.lockedAfterFailures })}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('security.column.failedSignIns'),
              key: 'failedSignIns',
              sorter: true,
              sortOrder: sortOrder('failedSignIns'),
              render: (_, a) => (
                <Space orientation="vertical" size={0} data-testid={`security-failures-${a.username}`}>
                  <span>{t('security.failures', { count: a.failedSignIns.count })}</span>
                  {a.failedSignIns.lastAt && (
                    <Typography.Text type="secondary">
                      {t('security.lastFailure', { at: when(a.failedSignIns.lastAt) })}
                    </Typography.Text>
                  )}
                  {a.failedSignIns.lastAt && (
                    <Typography.Text type="secondary">
                      {a.failedSignIns.lastAddress
                        ? t('security.from', { address: a.failedSignIns.lastAddress })
                        : t('security.noAddress')}
                    </Typography.Text>
                  )}
                  {a.failureRun > 0 && !a.locked && (
                    <Typography.Text type="secondary">
                      {t('security.failureRun', { count: a.failureRun })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('security.column.totp'),
              key: 'totp',
              render: (_, a) =>
                a.totpEnabled ? (
                  <Tag bordered={false} color="blue">
                    {t('security.totpOn')}
                  </Tag>
                ) : a.totpRequired ? (
                  <Tag bordered={false} color="gold">
                    {t('security.totpOff')}（{t('security.totpRequired')}）
                  </Tag>
                ) : (
                  <Tag bordered={false}>{t('security.totpNotRequired')}</Tag>
                ),
            },
            {
              title: t('security.column.lastLogin'),
              key: 'lastLoginAt',
              sorter: true,
              sortOrder: sortOrder('lastLoginAt'),
              render: (_, a) => (a.lastLoginAt ? when(a.lastLoginAt) : t('common.never')),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, a) =>
                can('user.unlock') &&
                a.locked && (
                  <Button
                    type="link"
                    size="small"
                    icon={<UnlockOutlined />}
                    loading={unlocking === a.id}
                    onClick={() => unlock(a)}
                    data-testid={`security-unlock-${a.username}`}
                  >
                    {a.privileged ? t('security.unlockPrivileged') : t('security.unlock')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
