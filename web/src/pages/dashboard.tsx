import { ApartmentOutlined, BankOutlined, FileProtectOutlined, TeamOutlined } from '@ant-design/icons';
import {
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Items, Jurisdiction, Page } from '../api/types.ts';
import { isEnglish } from '../i18n/index.ts';
import { useVisibleNav } from '../layout/nav.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import { formatValue, itemLabel, keyNumbers, profileHead, profileNumbers } from '../lib/profile.ts';
import { RoleTags } from '../lib/roles.tsx';
import { useApi } from '../lib/use-api.ts';
import { useProfile } from '../lib/use-profile.ts';
import { useMe, useSession } from '../session/index.tsx';

const KEY_NUMBERS = 6;

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const seesUsers = useVisibleNav().some((item) => item.path === '/users');
  const jurisdictions = useApi<Items<Jurisdiction>>('/jurisdictions');
  const departments = useApi<Page<unknown>>('/departments', { limit: 1 });
  const users = useApi<Page<unknown>>(seesUsers ? '/users' : null, { limit: 1 });
  const profile = useProfile();
  const en = isEnglish(i18n.language);
  const head = profileHead(profile.data, en);
  const numbers = keyNumbers(profileNumbers(profile.data), KEY_NUMBERS);

  return (
    <>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size={4}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-welcome">
            {t('dashboard.welcome', { name: me.displayName || me.username })}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Typography.Text type="secondary">
              {me.jurisdiction.name} · {me.department.name}
            </Typography.Text>
            <RoleTags roles={me.roles} />
            <Tag color={me.totpEnabled ? 'success' : 'default'}>
              {t('dashboard.totp')}：{me.totpEnabled ? t('dashboard.totpOn') : t('dashboard.totpOff')}
            </Tag>
          </Space>
        </Space>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <StatCard
          testId="stat-jurisdictions"
          title={t('dashboard.jurisdictions')}
          icon={<BankOutlined />}
          color="#1d4ed8"
          value={jurisdictions.data?.items.length}
          loading={jurisdictions.loading}
          failed={!!jurisdictions.error}
          link={can('jurisdiction.manage') ? '/jurisdictions' : undefined}
        />
        <StatCard
          testId="stat-departments"
          title={t('dashboard.departments')}
          icon={<ApartmentOutlined />}
          color="#0891b2"
          value={departments.data?.total}
          loading={departments.loading}
          failed={!!departments.error}
          link={can('department.manage') ? '/departments' : undefined}
        />
        <StatCard
          testId="stat-users"
          title={t('dashboard.users')}
          icon={<TeamOutlined />}
          color="#7c3aed"
          value={users.data?.total}
          loading={users.loading}
          failed={!!users.error || !seesUsers}
          link={seesUsers ? '/users' : undefined}
        />
      </Row>
      <Card
        variant="borderless"
        title={
          <Space>
            <FileProtectOutlined style={{ color: '#1d4ed8' }} />
            {t('dashboard.profileTitle')}
          </Space>
        }
        extra={<Link to="/policy">{t('dashboard.viewAll')}</Link>}
        data-testid="dashboard-profile"
      >
        <ErrorAlert error={profile.error} onRetry={profile.reload} />
        {profile.loading && <Skeleton active />}
        {!profile.loading && !profile.error && !profile.data && (
          <Empty description={t('dashboard.profileEmpty')} />
        )}
        {!profile.loading && profile.data !== undefined && (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'name', label: t('policy.name'), children: head.name ?? head.id ?? '—' },
                { key: 'jurisdiction', label: t('policy.jurisdiction'), children: head.jurisdiction ?? '—' },
                {
                  key: 'effective',
                  label: t('dashboard.effective'),
                  children: `${head.from ?? '—'} ~ ${head.to ?? t('policy.openEnded')}`,
                },
              ]}
            />
            <Table
              size="small"
              rowKey={(row) => row.path.join('.')}
              pagination={false}
              dataSource={numbers}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.empty')} />,
              }}
              columns={[
                {
                  title: t('policy.item'),
                  key: 'item',
                  render: (_, row) => itemLabel(row.path, en),
                },
                {
                  title: t('policy.value'),
                  key: 'value',
                  render: (_, row) => <Typography.Text strong>{formatValue(row, en)}</Typography.Text>,
                },
                {
                  title: t('policy.article'),
                  dataIndex: 'article',
                  key: 'article',
                  render: (article: string | null) =>
                    article ? <Tag color="geekblue">{article}</Tag> : <Tag>{t('policy.noArticle')}</Tag>,
                },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}

function StatCard(props: {
  testId: string;
  title: string;
  icon: ReactNode;
  color: string;
  value: number | undefined;
  loading: boolean;
  failed: boolean;
  link?: string | undefined;
}) {
  const { t } = useTranslation();
  const body = (
    <Card variant="borderless" hoverable={!!props.link} data-testid={props.testId} style={{ height: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Statistic
          title={props.title}
          value={props.failed ? t('dashboard.unavailable') : (props.value ?? 0)}
          loading={props.loading}
          styles={{
            content: {
              fontSize: props.failed ? 16 : 28,
              lineHeight: '40px',
              fontWeight: 600,
              color: props.failed ? '#5b6b80' : '#0f172a',
            },
          }}
        />
        <span className="gs-stat-icon" style={{ background: `${props.color}14`, color: props.color }}>
          {props.icon}
        </span>
      </div>
    </Card>
  );
  return (
    <Col xs={24} md={8}>
      {props.link ? (
        <Link to={props.link} style={{ display: 'block', height: '100%' }}>
          {body}
        </Link>
      ) : (
        body
      )}
    </Col>
  );
}
