import { UserOutlined } from '@ant-design/icons';
import { Avatar, Descriptions, Drawer, Empty, Grid, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { DepartmentOfficeSection } from './department-office.tsx';

export function DepartmentDrawer({
  departmentId,
  onClose,
}: {
  departmentId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useApi(departmentId ? `/departments/${departmentId}` : null);
  const d = detail.data?.id === departmentId ? detail.data : undefined;
  // A phone (390 px) gets the whole width; an office screen a side panel.
  const narrow = !Grid.useBreakpoint().md;

  return (
    <Drawer
      open={!!departmentId}
      onClose={onClose}
      size={narrow ? '100%' : 640}
      title={d?.name ?? t('common.detail')}
      destroyOnHidden
    >
      <div data-testid="department-drawer">
        <ErrorAlert error={detail.error} onRetry={detail.reload} />
        {!d && detail.loading && <Skeleton active />}
        {d && (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'name', label: t('departments.name'), children: d.name },
                { key: 'shortName', label: t('departments.shortName'), children: d.shortName || '—' },
                {
                  key: 'uscc',
                  label: t('departments.uscc'),
                  children: (
                    <Typography.Text copyable code>
                      {d.uscc}
                    </Typography.Text>
                  ),
                },
                { key: 'jurisdiction', label: t('departments.jurisdiction'), children: d.jurisdictionName },
                { key: 'kind', label: t('departments.kind'), children: t(`departments.kinds.${d.kind}`) },
                {
                  key: 'status',
                  label: t('common.status'),
                  children: (
                    <Tag color={d.status === 'active' ? 'success' : 'red'}>
                      {t(`departments.statuses.${d.status}`)}
                    </Tag>
                  ),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('departments.resourceAdmins')}
            </Typography.Title>
            <List
              data-testid="department-resource-admins"
              bordered
              dataSource={d.resourceAdmins ?? []}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('departments.noResourceAdmins')}
                  />
                ),
              }}
              renderItem={(admin) => (
                <List.Item>
                  <List.Item.Meta
                    avatar={<Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4ed8' }} />}
                    title={admin.displayName}
                    description={admin.username}
                  />
                </List.Item>
              )}
            />
            <DepartmentOfficeSection departmentId={d.id} />
          </>
        )}
      </div>
    </Drawer>
  );
}
