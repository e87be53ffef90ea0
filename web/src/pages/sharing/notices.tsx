import { Badge, Button, Card, Checkbox, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type Notice, sharingApi } from '../../api/sharing.ts';
import { isEnglish } from '../../i18n/index.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

/** Where a notice leads: its link, or the case it is about. */
function target(notice: Notice): string | undefined {
  if (notice.link) return notice.link;
  if (notice.case?.type === 'application') return `/sharing/applications/${notice.case.id}`;
  if (notice.case?.type === 'grant') return `/sharing/grants/${notice.case.id}`;
  return undefined;
}

/** 通知: newest first; opening one marks it read and goes to the case it tells of. */
export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/notices', {
    unread: unreadOnly || undefined,
    page,
    pageSize: 20,
  });
  const en = isEnglish(i18n.language);

  const markRead = async (notice: Notice) => {
    if (notice.readAt) return;
    await sharingApi.markRead(notice.id);
  };
  const open = async (notice: Notice) => {
    try {
      await markRead(notice);
      const to = target(notice);
      if (to) navigate(to);
      else list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('sharing.notices.title')}
        subtitle={t('sharing.notices.subtitle')}
        extra={
          <Checkbox
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setPage(1);
            }}
          >
            {t('sharing.notices.unreadOnly')}
            {list.data ? `（${list.data.unread}）` : ''}
          </Checkbox>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <List<Notice>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="notice-list"
          locale={{ emptyText: <Empty description={t('sharing.notices.empty')} /> }}
          pagination={
            (list.data?.total ?? 0) > 20
              ? { current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }
              : false
          }
          renderItem={(notice) => (
            <List.Item
              data-testid="notice-item"
              data-kind={notice.kind}
              data-read={notice.readAt ? 'true' : 'false'}
              actions={[
                ...(notice.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={() => markRead(notice).then(list.reload, showError)}
                      >
                        {t('sharing.notices.markRead')}
                      </Button>,
                    ]),
                <Button
                  key="open"
                  type="link"
                  size="small"
                  onClick={() => open(notice)}
                  data-testid="notice-open"
                >
                  {t('sharing.notices.open')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={8}>
                    {!notice.readAt && <Badge status="processing" text={null} />}
                    <Typography.Link
                      className={notice.readAt ? undefined : 'gs-notice-unread'}
                      onClick={() => open(notice)}
                      data-testid="notice-title"
                    >
                      {en ? notice.title.en : notice.title.zh}
                    </Typography.Link>
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} type="secondary">
                      {en ? notice.body.en : notice.body.zh}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(notice.createdAt, i18n.language)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
