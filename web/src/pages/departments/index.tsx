import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { DepartmentDrawer } from './department-drawer.tsx';
import { DepartmentFormModal } from './department-form.tsx';
import { JurisdictionSelect } from './jurisdiction-select.tsx';

const PAGE_SIZE = 20;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const canManage = can('department.manage');
  const [q, setQ] = useState('');
  const [jurisdictionId, setJurisdictionId] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useApi('/departments', {
    q,
    jurisdictionId,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [editing, setEditing] = useState<{ department: Department | undefined }>();
  const [viewing, setViewing] = useState<string>();

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ department: undefined })}
              data-testid="department-create"
            >
              {t('departments.createTitle')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('departments.searchPlaceholder')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 320 }}
            data-testid="department-search"
          />
          <JurisdictionSelect
            allowClear
            placeholder={t('departments.jurisdiction')}
            aria-label={t('departments.jurisdictionFilter')}
            value={jurisdictionId}
            onChange={(value) => {
              setJurisdictionId(value);
              setPage(1);
            }}
            style={{ width: 260 }}
          />
        </Space>
        <Table<Department>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="department-table"
          locale={{ emptyText: <Empty description={t('departments.empty')} /> }}
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
              title: t('departments.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => setViewing(row.id)}
                  data-testid={`department-link-${row.uscc}`}
                >
                  {name}
                </Button>
              ),
            },
            { title: t('departments.shortName'), dataIndex: 'shortName', render: (v: string) => v || '—' },
            {
              title: t('departments.uscc'),
              dataIndex: 'uscc',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('departments.jurisdiction'), dataIndex: 'jurisdictionName' },
            {
              title: t('departments.kind'),
              dataIndex: 'kind',
              render: (kind: Department['kind']) => t(`departments.kinds.${kind}`),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (status: Department['status']) => (
                <Tag color={status === 'active' ? 'success' : 'red'}>
                  {t(`departments.statuses.${status}`)}
                </Tag>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 140,
              render: (_, row) => (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => setViewing(row.id)}>
                    {t('common.detail')}
                  </Button>
                  {canManage && (
                    <Button type="link" size="small" onClick={() => setEditing({ department: row })}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <DepartmentFormModal
          department={editing.department}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            void message.success(editing.department ? t('common.saved') : t('departments.created'));
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      <DepartmentDrawer departmentId={viewing} onClose={() => setViewing(undefined)} />
    </>
  );
}
