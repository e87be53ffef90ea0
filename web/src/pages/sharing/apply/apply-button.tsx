import { FileAddOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { EntryDetail } from '../../../api/catalog.ts';
import { useProfile } from '../../../lib/use-profile.ts';
import { useMe, useSession } from '../../../session/index.tsx';

/**
 * "申请使用" on a resource's page: for a published resource of another department, to readers who
 * may apply. A not-shared resource shows the button disabled, saying where to go instead.
 */
export function ApplyButton({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const { can } = useSession();
  const profile = useProfile().data;
  if (!can('sharing.apply') || entry.status !== 'published' || entry.publishedVersion === null) return null;
  if (entry.provider.id === me.department.id) return null;
  const notShared = (entry.publishedContent ?? entry.content).share.type === 'not_shared';
  const button = (
    <Button
      type="primary"
      icon={<FileAddOutlined />}
      disabled={notShared}
      onClick={() => navigate(`/sharing/applications/new?entry=${encodeURIComponent(entry.id)}`)}
      data-testid="apply-open"
    >
      {t('sharing.apply.button')}
    </Button>
  );
  if (notShared)
    return (
      <Tooltip title={t('sharing.apply.notShared')}>
        <span>{button}</span>
      </Tooltip>
    );
  // 协议共享 only where the jurisdiction's rules provide for agreements (profile `features.agreements`).
  const agreements = profile?.features.agreements.value === true && can('sharing.agreement.propose');
  return (
    <Space>
      {button}
      {agreements && (
        <Button
          onClick={() =>
            navigate(`/sharing/applications/new?entry=${encodeURIComponent(entry.id)}&mode=agreement`)
          }
          data-testid="agreement-open"
        >
          {t('sharing.apply.agreementButton')}
        </Button>
      )}
    </Space>
  );
}
