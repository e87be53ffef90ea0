import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import {
  App,
  Avatar,
  Button,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { RoleTags } from '../lib/roles.tsx';
import { NoticeBell } from '../pages/sharing/notice-bell.tsx';
import { useMe, useSession } from '../session/index.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { type NavGroup, useVisibleNav } from './nav.tsx';

const GROUPS: NavGroup[] = [
  'catalogGroup',
  'sharingGroup',
  'exchangeGroup',
  'auditGroup',
  'orgGroup',
  'accessGroup',
  'settingsGroup',
];

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const nav = useVisibleNav();
  const [collapsed, setCollapsed] = useState(false);
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;

  const itemOf = (item: (typeof nav)[number]) => ({
    key: item.path,
    icon: item.icon,
    label: <span data-testid={`menu-${item.label}`}>{t(`menu.${item.label}`)}</span>,
  });
  const items: MenuProps['items'] = [
    ...nav.filter((item) => !item.group).map(itemOf),
    ...GROUPS.flatMap((group) => {
      const children = nav.filter((item) => item.group === group).map(itemOf);
      return children.length > 0
        ? [{ type: 'group' as const, key: group, label: t(`menu.${group}`), children }]
        : [];
    }),
  ];
  const selected = nav
    .map((item) => item.path)
    .filter((path) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path)));

  const logout = async () => {
    await signOut();
    void message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={224}
        breakpoint="lg"
        // On a phone the menu folds away entirely (its trigger stays at the edge) so pages get the width.
        collapsedWidth={phone ? 0 : 80}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="gs-brand">
          <img src="/favicon.svg" alt="" />
          {!collapsed && <span>{t('app.shortTitle')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="gs-header">
          <Typography.Text strong style={{ fontSize: 15, color: '#0f2a5f' }} ellipsis>
            {t('app.title')}
          </Typography.Text>
          <Space size={16} align="center">
            <NoticeBell />
            <LanguageSwitch />
            <Space size={8} align="center" data-testid="current-user">
              <Avatar size="small" style={{ background: '#1d4ed8' }} icon={<UserOutlined />} />
              <span style={{ lineHeight: 1.25 }}>
                <Typography.Text strong data-testid="current-user-name">
                  {me.displayName || me.username}
                </Typography.Text>
                <Typography.Text
                  type="secondary"
                  style={{ marginInlineStart: 8 }}
                  data-testid="current-user-department"
                >
                  {me.department.name}
                </Typography.Text>
              </span>
              <span data-testid="current-user-roles">
                <RoleTags roles={me.roles} />
              </span>
            </Space>
            <Tooltip title={t('header.logout')}>
              <Button icon={<LogoutOutlined />} onClick={logout} data-testid="logout">
                {phone ? null : t('header.logout')}
              </Button>
            </Tooltip>
          </Space>
        </Layout.Header>
        <Layout.Content className="gs-content">
          <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#94a3b8', padding: '12px 24px' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
