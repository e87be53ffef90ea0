import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

const POLL_MS = 60_000;

/**
 * The header's bell: the unread count, asked again on every page change, once a minute, and after
 * every change made in the portal (a notice read, a case handled: the cache marks it stale).
 */
export function NoticeBell() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = can('sharing.notice.read');
  const count = useApi(allowed ? '/sharing/notices/unread-count' : null, undefined, {
    refetchInterval: POLL_MS,
  });
  const unread = count.data?.unread ?? 0;
  const { reload } = count;
  const path = location.pathname;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path change is the trigger to count again
  useEffect(() => {
    if (allowed) reload();
  }, [allowed, path, reload]);

  if (!allowed) return null;
  return (
    <Tooltip title={t('sharing.notices.bell')}>
      <Badge count={unread} size="small" overflowCount={99} data-testid="notice-count" data-count={unread}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={t('sharing.notices.bell')}
          onClick={() => navigate('/sharing/notices')}
          data-testid="notice-bell"
        />
      </Badge>
    </Tooltip>
  );
}
