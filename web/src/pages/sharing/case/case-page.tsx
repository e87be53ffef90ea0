import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationAction, ApplicationDetail } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useMe, useSession } from '../../../session/index.tsx';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { FileComplaintButton } from '../complaint/file-complaint.tsx';
import { useHeadRole } from '../head-role.ts';
import {
  ApplicationStatusTag,
  applicationDeadline,
  DeadlineCell,
  ItemTags,
  MethodTags,
  PurposeText,
  ScopeText,
} from '../shared.tsx';
import {
  type ConsentAction,
  consentDialog,
  consentEventLabels,
  DraftAnswerCard,
  EndorsementCard,
  isConsentAction,
} from './consent.tsx';
import { DecisionModal } from './decision-modal.tsx';
import { ExtensionItem, ExtensionRequestModal } from './extension.tsx';
import { OpenDisputeButton } from './open-dispute.tsx';

type Step = Exclude<ApplicationAction, 'draft_answer'>;

/** The steps in the order the header offers them: consents first, then the answer, the consumer's last. */
const ORDER: Step[] = [
  'endorse',
  'decline',
  'confirm_answer',
  'send_back_answer',
  'resubmit',
  'approve',
  'refuse',
  'return',
  'withdraw',
];

const BUTTONS: Record<Step, { icon: React.ReactNode; primary?: boolean; danger?: boolean }> = {
  endorse: { icon: <AuditOutlined />, primary: true },
  decline: { icon: <CloseCircleOutlined />, danger: true },
  confirm_answer: { icon: <AuditOutlined />, primary: true },
  send_back_answer: { icon: <RollbackOutlined /> },
  approve: { icon: <CheckCircleOutlined />, primary: true },
  refuse: { icon: <CloseCircleOutlined />, danger: true },
  withdraw: { icon: <RollbackOutlined />, danger: true },
  return: { icon: <EditOutlined /> },
  resubmit: { icon: <SendOutlined />, primary: true },
};

/** 申请办理: one application as its parties and the authority read it, with its timeline and open steps. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const { role } = useHeadRole();
  const { item: app, fallback, setUpdated } = useCase(`/sharing/applications/${id}`, id);
  const [action, setAction] = useState<Step>();
  const [asking, setAsking] = useState(false);
  const extensions = useApi('/sharing/extensions', { applicationId: id });
  if (!app) return fallback;
  const extension = extensions.data?.items[0];
  // N10: why the deadline moved, on the timeline (its reason is the event's detail).
  const moved = app.timeline.find((e) => e.action === 'deadline_extended')?.detail as
    | { workingDays: number; to: string }
    | undefined;
  const timelineLabels: Record<string, string> = {
    ...consentEventLabels(t),
    ...(moved
      ? { deadline_extended: t('sharing.extension.moved', { days: moved.workingDays, to: moved.to }) }
      : {}),
  };
  const mine = app.consumer.departmentId === me.department.id;
  // 延期答复 is the provider's own request to the authority, not a step of the application.
  const mayAskExtension =
    app.provider.departmentId === me.department.id &&
    can('sharing.extension.request') &&
    (app.status === 'pending' || app.status === 'answer_review') &&
    extensions.data !== undefined &&
    !extension;
  const declined = app.timeline.find((e) => e.action === 'decline');
  const declineReason = declined?.detail.reason as string | undefined;
  const onDone = (next: ApplicationDetail) => {
    setAction(undefined);
    setUpdated(next);
  };
  const refusedItems = app.decidedItems ? app.items.filter((i) => !app.decidedItems?.includes(i)) : [];
  // 补正 (N11): the one return, whose points stay on the case; a second return is not offered.
  const returned = app.timeline.find((e) => e.action === 'return');
  const returnPoints = (returned?.detail.points as string[] | undefined) ?? [];
  const returnNote = returned?.detail.note as string | null | undefined;

  return (
    <CaseFrame
      number={app.number}
      status={
        <>
          <ApplicationStatusTag status={app.status} />
          <Tag>{t(`sharing.paths.${app.path}`)}</Tag>
          {app.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
        </>
      }
      title={<Link to={`/catalog/entries/${app.entry.id}`}>{app.entry.name}</Link>}
      titleTestId="case-entry"
      meta={
        <>
          <span>
            {t('sharing.fields.consumer')}：{app.consumer.name}（{app.applicant.name}）
          </span>
          <span>
            {t('sharing.fields.provider')}：{app.provider.name}
          </span>
          <span>
            {t('sharing.fields.submittedAt')}：{formatDateTime(app.createdAt, i18n.language)}
          </span>
        </>
      }
      extraActions={
        <Space wrap>
          <OpenDisputeButton application={app} />
          {mayAskExtension && (
            <Button
              icon={<ClockCircleOutlined />}
              onClick={() => setAsking(true)}
              data-testid="case-request-extension"
            >
              {t('sharing.extension.request')}
            </Button>
          )}
          {mine && (app.status === 'refused' || app.overdue) && (
            <FileComplaintButton
              respondent={app.provider}
              subject={{ type: 'application', id: app.id }}
              kind={app.overdue ? 'delay' : 'refusal'}
            />
          )}
        </Space>
      }
      steps={ORDER.filter((a) => app.allowedActions.includes(a) && !(a === 'return' && returned)).map(
        (a) => ({
          action: a,
          label: isConsentAction(a) ? t(`sharing.consent.actions.${a}`) : t(`sharing.case.${a}`),
          icon: BUTTONS[a].icon,
          primary: BUTTONS[a].primary ?? false,
          danger: BUTTONS[a].danger ?? false,
          testId: `case-${a.replaceAll('_', '-')}`,
        }),
      )}
      onStep={(a) => setAction(a as Step)}
      onCloseStep={() => setAction(undefined)}
      dialog={
        isConsentAction(action) ? (
          consentDialog({ action: action as ConsentAction, role, application: app, t, onDone })
        ) : (
          <>
            <DecisionModal
              application={app}
              action={action}
              draftsForHead={app.internalApproval.provider && role !== 'head'}
              onClose={() => setAction(undefined)}
              onDone={onDone}
            />
            <ExtensionRequestModal
              applicationId={app.id}
              number={app.number}
              open={asking}
              onClose={() => setAsking(false)}
              onDone={() => {
                setAsking(false);
                extensions.reload();
              }}
            />
          </>
        )
      }
      banner={
        <>
          {app.status === 'endorsing' && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="case-endorsing"
              title={t('sharing.consent.endorsingTitle')}
              description={t('sharing.consent.endorsingHint')}
            />
          )}
          {app.status === 'not_endorsed' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="case-not-endorsed"
              title={t('sharing.consent.declinedTitle')}
              description={
                declineReason && (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {declineReason}
                  </Typography.Paragraph>
                )
              }
            />
          )}
          {returned && (
            <Alert
              type={app.status === 'returned' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="case-return"
              title={
                app.status === 'returned' ? t('sharing.case.returnedTitle') : t('sharing.case.returnedOnce')
              }
              description={
                <>
                  <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="case-return-points">
                    {returnPoints.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ol>
                  {returnNote && (
                    <Typography.Paragraph style={{ margin: '8px 0 0' }}>{returnNote}</Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary">
                    {t('sharing.case.returnedBy')}：{returned.actor.name} ·{' '}
                    {formatDateTime(returned.at, i18n.language)}
                  </Typography.Text>
                </>
              }
            />
          )}
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
        </>
      }
      timeline={app.timeline}
      timelineLabels={timelineLabels}
    >
      <DraftAnswerCard application={app} />
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
          <Descriptions.Item label={t('sharing.fields.scenario')}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-scenario">
              {app.scenario}
            </span>
          </Descriptions.Item>
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
              <div style={{ color: '#475569', fontSize: 12 }} data-testid="case-deadline-article">
                {app.deadline.article}
              </div>
            )}
            {app.deadlineNote && (
              <div style={{ color: '#475569', fontSize: 12 }}>
                {t('sharing.case.deadlineNote')}：{app.deadlineNote}
              </div>
            )}
          </Descriptions.Item>
          {(app.internalApproval.requester || app.internalApproval.provider) && (
            <Descriptions.Item label={t('sharing.consent.internalApproval')}>
              <Space orientation="vertical" size={4} data-testid="case-internal-approval">
                {app.internalApproval.requester && <span>{t('sharing.consent.internalRequester')}</span>}
                {app.internalApproval.provider && <span>{t('sharing.consent.internalProvider')}</span>}
              </Space>
            </Descriptions.Item>
          )}
          {extension && (
            <Descriptions.Item label={t('sharing.extension.label')}>
              <ExtensionItem extension={extension} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <EndorsementCard application={app} />
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
    </CaseFrame>
  );
}
