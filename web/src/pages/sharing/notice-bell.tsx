import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { sharingApi } from '../../api/sharing.ts';
import { useSession } from '../../session/index.tsx';

/** Fired by the notices page when it marks a notice read, so the bell counts again at once. */
export const NOTICES_CHANGED = 'govshare:notices-changed';
const POLL_MS = 60_000;

/** The header's bell: the unread count, asked again on every page change and once a minute. */
export function NoticeBell() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const allowed = can('sharing.notice.read');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path change is the trigger to count again
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const count = () =>
      sharingApi
        .unreadCount()
        .then((r) => live && setUnread(r.unread))
        .catch(() => undefined);
    void count();
    const timer = setInterval(count, POLL_MS);
    window.addEventListener(NOTICES_CHANGED, count);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(NOTICES_CHANGED, count);
    };
  }, [allowed, location.pathname]);

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
