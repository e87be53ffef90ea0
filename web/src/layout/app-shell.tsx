import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import {
  App,
  Avatar,
  Button,
  Drawer,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { RoleTags } from '../lib/roles.tsx';
import { NoticeBell } from '../pages/sharing/notice-bell.tsx';
import { useMe, useSession } from '../session/index.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { type NavGroup, navItemOf, useVisibleNav } from './nav.tsx';

const GROUPS: NavGroup[] = [
  'catalogGroup',
  'sharingGroup',
  'exchangeGroup',
  'qualityGroup',
  'supervisionGroup',
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
  const [drawerOpen, setDrawerOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;

  const itemOf = (item: (typeof nav)[number]) => ({
    key: item.path,
    icon: item.icon,
    label: (
      <span data-testid={`menu-${item.label}`} data-path={item.path}>
        {t(`menu.${item.label}`)}
      </span>
    ),
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
  // A menu page lights its item. A page below one (an application, an entry) or outside the menu
  // (a case) keeps lit the item the user came from: an application opened from 申请审批 is 申请审批's.
  const lastSelected = useRef<string[]>([]);
  const current = navItemOf(nav, location.pathname);
  const onItsPage =
    current && (current.path === location.pathname || current.owns?.includes(location.pathname));
  if (current && (onItsPage || lastSelected.current.length === 0)) lastSelected.current = [current.path];
  const selected = lastSelected.current;

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-menu"
      selectedKeys={selected}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const brand = (
    <div className="gs-brand">
      <img src="/favicon.svg" alt="" />
      {(phone || !collapsed) && <span>{t('app.shortTitle')}</span>}
    </div>
  );

  const logout = async () => {
    await signOut();
    void message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        // On a phone the menu is a drawer opened from the header, so pages get the whole width.
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={264}
          closable={false}
          className="gs-drawer"
          styles={{ body: { padding: 0 } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={224}
          breakpoint="lg"
          className="gs-sider"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="gs-header">
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('header.menu')}
              data-testid="menu-open"
              onClick={() => setDrawerOpen(true)}
            />
          )}
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
        <Layout.Footer style={{ textAlign: 'center', color: '#5b6b80', padding: '12px 24px' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
