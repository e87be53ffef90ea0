import { ApartmentOutlined, BankOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useVisibleNav } from '../layout/nav.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import { RoleTags } from '../lib/roles.tsx';
import { useApi } from '../lib/use-api.ts';
import { useMe, useSession } from '../session/index.tsx';
import { HomeStatisticsCards } from './home/statistics.tsx';
import { TodoCards } from './home/todo.tsx';

/** The home page (issue 17): the welcome, the reader's to-do, the counts, then statistics as charts. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const seesUsers = useVisibleNav().some((item) => item.path === '/users');
  const jurisdictions = useApi('/jurisdictions');
  const departments = useApi('/departments', { limit: 1 });
  const users = useApi(seesUsers ? '/users' : null, { limit: 1 });
  const home = useApi('/home');

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
      <section aria-labelledby="home-todo-title" style={{ marginBottom: 16 }}>
        <Typography.Title level={5} id="home-todo-title">
          {t('home.todoTitle')}
        </Typography.Title>
        <ErrorAlert error={home.error} onRetry={home.reload} />
        {home.loading && !home.data && <Skeleton active />}
        {home.data && <TodoCards todo={home.data.todo} />}
      </section>
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
      {home.data?.statistics && (
        <section aria-labelledby="home-statistics-title">
          <Typography.Title level={5} id="home-statistics-title" style={{ marginBottom: 4 }}>
            {t('home.statisticsTitle')}
          </Typography.Title>
          <HomeStatisticsCards statistics={home.data.statistics} />
        </section>
      )}
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
