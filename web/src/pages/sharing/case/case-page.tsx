import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ApplicationAction, ApplicationDetail } from '../../../api/sharing.ts';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useMe } from '../../../session/index.tsx';
import { FileComplaintButton } from '../complaint/file-complaint.tsx';
import {
  ApplicationStatusTag,
  applicationDeadline,
  CaseTimeline,
  DeadlineCell,
  ItemTags,
  MethodTags,
  PurposeText,
  ScopeText,
} from '../shared.tsx';
import { DecisionModal } from './decision-modal.tsx';
import { OpenDisputeButton } from './open-dispute.tsx';

const BUTTONS: Record<ApplicationAction, { icon: React.ReactNode; primary?: boolean; danger?: boolean }> = {
  approve: { icon: <CheckCircleOutlined />, primary: true },
  refuse: { icon: <CloseCircleOutlined />, danger: true },
  withdraw: { icon: <RollbackOutlined />, danger: true },
};

/** 申请办理: one application as its parties and the authority read it, with its timeline and open steps. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const loaded = useApi<ApplicationDetail>(`/sharing/applications/${id}`);
  const [updated, setUpdated] = useState<ApplicationDetail>();
  const [action, setAction] = useState<ApplicationAction>();
  const app = updated?.id === id ? updated : loaded.data;

  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!app)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  const mine = app.consumer.departmentId === me.department.id;
  const refusedItems = app.decidedItems ? app.items.filter((i) => !app.decidedItems?.includes(i)) : [];

  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
        onClick={() => navigate(-1)}
      >
        {t('sharing.case.back')}
      </Button>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div className="gs-case-head">
          <div>
            <Space size={8} wrap>
              <Typography.Text code data-testid="case-number">
                {app.number}
              </Typography.Text>
              <ApplicationStatusTag status={app.status} />
              <Tag>{t(`sharing.paths.${app.path}`)}</Tag>
              {app.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
            </Space>
            <h1 data-testid="case-entry">
              <Link to={`/catalog/entries/${app.entry.id}`}>{app.entry.name}</Link>
            </h1>
            <Space size={16} wrap style={{ color: '#64748b' }}>
              <span>
                {t('sharing.fields.consumer')}：{app.consumer.name}（{app.applicant.name}）
              </span>
              <span>
                {t('sharing.fields.provider')}：{app.provider.name}
              </span>
              <span>
                {t('sharing.fields.submittedAt')}：{formatDateTime(app.createdAt, i18n.language)}
              </span>
            </Space>
          </div>
          <Space wrap>
            <OpenDisputeButton application={app} />
            {mine && (app.status === 'refused' || app.overdue) && (
              <FileComplaintButton
                respondent={app.provider}
                subject={{ type: 'application', id: app.id }}
                kind={app.overdue ? 'delay' : 'refusal'}
              />
            )}
          </Space>
          {app.allowedActions.length > 0 && (
            <Space data-testid="case-actions">
              {(['approve', 'refuse', 'withdraw'] as const)
                .filter((a) => app.allowedActions.includes(a))
                .map((a) => (
                  <Button
                    key={a}
                    icon={BUTTONS[a].icon}
                    type={BUTTONS[a].primary ? 'primary' : 'default'}
                    danger={BUTTONS[a].danger}
                    onClick={() => setAction(a)}
                    data-testid={`case-${a}`}
                  >
                    {t(`sharing.case.${a}`)}
                  </Button>
                ))}
            </Space>
          )}
        </div>
      </Card>
      {app.status === 'refused' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="case-refusal"
          title={t('sharing.case.refusedTitle')}
          description={
            <Typography.Paragraph
              style={{ margin: 0, whiteSpace: 'pre-wrap' }}
              data-testid="case-refusal-reason"
            >
              {app.refusalReason}
            </Typography.Paragraph>
          }
        />
      )}
      {app.status === 'partially_approved' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="case-partial"
          title={t('sharing.case.partialTitle')}
          description={
            <>
              {t('sharing.case.notApproved')}：{refusedItems.join('、')}
            </>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card variant="borderless" title={t('sharing.case.request')} style={{ marginBottom: 16 }}>
            <Descriptions bordered size="small" column={1} data-testid="case-request">
              <Descriptions.Item label={t('sharing.fields.entry')}>
                {app.entry.name}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {app.entry.code} · v{app.entry.version}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.items')}>
                <ItemTags items={app.items} testId="case-items" />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.purpose')}>
                <PurposeText purpose={app.purpose} text={app.purposeText} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.legalDuty')}>{app.legalDuty}</Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.scope')}>
                <ScopeText scope={app.scope} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.methods')}>
                <MethodTags methods={app.methods} />
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.validity')}>
                {app.validFrom} ~ {app.validUntil}
              </Descriptions.Item>
              <Descriptions.Item label={t('sharing.fields.dueDate')}>
                <DeadlineCell {...applicationDeadline(app)} />
                {app.deadline?.article && (
                  <div style={{ color: '#64748b', fontSize: 12 }} data-testid="case-deadline-article">
                    {app.deadline.article}
                  </div>
                )}
                {app.deadlineNote && (
                  <div style={{ color: '#64748b', fontSize: 12 }}>
                    {t('sharing.case.deadlineNote')}：{app.deadlineNote}
                  </div>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {app.decidedAt && (
            <Card variant="borderless" title={t('sharing.case.decision')} style={{ marginBottom: 16 }}>
              <Descriptions bordered size="small" column={1} data-testid="case-decision">
                {app.decidedItems && (
                  <Descriptions.Item label={t('sharing.fields.decidedItems')}>
                    <ItemTags items={app.decidedItems} color="green" testId="case-decided-items" />
                  </Descriptions.Item>
                )}
                {app.refusalReason && (
                  <Descriptions.Item label={t('sharing.fields.refusalReason')}>
                    {app.refusalReason}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('sharing.fields.decidedBy')}>
                  {app.decidedBy?.name ?? t(`sharing.paths.${app.path}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('sharing.fields.decidedAt')}>
                  {formatDateTime(app.decidedAt, i18n.language)}
                </Descriptions.Item>
                {app.grantId && (
                  <Descriptions.Item label={t('sharing.case.grant')}>
                    <Link to={`/sharing/grants/${app.grantId}`} data-testid="case-grant-link">
                      {t('sharing.case.openGrant')}
                    </Link>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('sharing.case.timeline')}>
            <CaseTimeline events={app.timeline} />
          </Card>
        </Col>
      </Row>
      <DecisionModal
        application={app}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={(next) => {
          setAction(undefined);
          setUpdated(next);
        }}
      />
    </>
  );
}
