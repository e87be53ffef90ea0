import { Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reach } from '../api/types.ts';
import { isEnglish } from '../i18n/index.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ACTION_LABELS } from '../lib/actions.ts';
import { ErrorAlert } from '../lib/errors.tsx';
import { useApi } from '../lib/use-api.ts';

const REACH_COLORS: Record<Reach, string> = {
  all: 'geekblue',
  jurisdiction: 'cyan',
  department: 'green',
  self: 'default',
};
const REACHES: Reach[] = ['all', 'jurisdiction', 'department', 'self'];

interface Row {
  action: string;
  reaches: Record<string, Reach | undefined>;
}

/** The role × permission matrix, read-only: what each role may do and how far. */
export function RolesPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const list = useApi('/roles');
  const roles = list.data?.items ?? [];
  const actions = [...new Set(roles.flatMap((r) => r.permissions.map((p) => p.action)))].sort();
  const rows: Row[] = actions.map((action) => ({
    action,
    reaches: Object.fromEntries(
      roles.map((r) => [r.role, r.permissions.find((p) => p.action === action)?.reach]),
    ),
  }));

  return (
    <>
      <PageHeader title={t('roles.title')} subtitle={t('roles.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('roles.legend')}：</Typography.Text>
          {REACHES.map((reach) => (
            <Tag key={reach} color={REACH_COLORS[reach]}>
              {t(`roles.reach.${reach}`)}
            </Tag>
          ))}
        </Space>
        <Table<Row>
          className="gs-matrix"
          rowKey="action"
          size="small"
          bordered
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          data-testid="role-matrix"
          locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
          columns={[
            {
              title: t('roles.action'),
              dataIndex: 'action',
              fixed: 'left',
              render: (action: string) => {
                const label = ACTION_LABELS[action];
                return (
                  <>
                    {label && <div>{en ? label.en : label.zh}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <code>{action}</code>
                    </Typography.Text>
                  </>
                );
              },
            },
            ...roles.map((role) => ({
              key: role.role,
              title: (
                <Space orientation="vertical" size={2} style={{ alignItems: 'center' }}>
                  <span>{en ? role.label.en : role.label.zh}</span>
                  <span>
                    {role.separated && (
                      <Tooltip title={t('roles.separated')}>
                        <Tag color="orange" bordered={false}>
                          {t('users.separated')}
                        </Tag>
                      </Tooltip>
                    )}
                    {role.requiresTotp && (
                      <Tooltip title={t('roles.requiresTotp')}>
                        <Tag color="blue" bordered={false}>
                          TOTP
                        </Tag>
                      </Tooltip>
                    )}
                  </span>
                </Space>
              ),
              onCell: () => ({ className: 'gs-cell' }),
              render: (_: unknown, row: Row) => {
                const reach = row.reaches[role.role];
                return reach ? (
                  <Tag color={REACH_COLORS[reach]} style={{ marginInlineEnd: 0 }}>
                    {t(`roles.reach.${reach}`)}
                  </Tag>
                ) : (
                  <span style={{ color: '#cbd5e1' }}>—</span>
                );
              },
            })),
          ]}
        />
      </Card>
    </>
  );
}
