import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { isEnglish } from './i18n/index.ts';
import { AppShell } from './layout/app-shell.tsx';
import { NAV, RequirePermission } from './layout/nav.tsx';
import { queryClient } from './lib/use-api.ts';
import { KernelCasePage } from './pages/cases/kernel-case-page.tsx';
import { LoginPage } from './pages/login/index.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { OpenPortal } from './pages/open/portal.tsx';

import { SealVerifyPage } from './pages/seal-verify/index.tsx';
import { SessionProvider, useSession } from './session/index.tsx';
import { govTheme } from './theme.ts';

const SnapshotVerifyPage = lazy(() =>
  import('./pages/snapshots/verify.tsx').then((m) => ({ default: m.SnapshotVerifyPage })),
);

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={isEnglish(i18n.language) ? enUS : zhCN} theme={govTheme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The open data portal is public: no sign-in, no signed-in shell (R109). */}
      <Route path="/open/*" element={<OpenPortal />} />
      {/* Public: a data snapshot voucher's QR code leads here (R107). */}
      <Route
        path="/verify/snapshot"
        element={
          <Suspense fallback={<Spin />}>
            <SnapshotVerifyPage />
          </Suspense>
        }
      />
      {/* Public: anyone verifies a sealed record without signing in (R108). */}
      <Route path="/verify" element={<SealVerifyPage />} />
      <Route
        element={
          <RequireSignIn>
            <AppShell />
          </RequireSignIn>
        }
      >
        {NAV.map((item) => (
          <Route
            key={item.path}
            index={item.path === '/'}
            path={item.path === '/' ? undefined : `${item.path.slice(1)}${item.nested ? '/*' : ''}`}
            element={<RequirePermission item={item}>{item.element}</RequirePermission>}
          />
        ))}
        {/* Case types run by the case kernel: any declared type, and the stops (停止提供) that have no page of their own. */}
        <Route path="cases/:type/:id" element={<KernelCasePage />} />
        <Route path="sharing/stops/:id" element={<KernelCasePage type="stop" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me === null)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
