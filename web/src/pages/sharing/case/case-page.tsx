import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationAction, ApplicationDetail } from '../../../api/sharing.ts';
import { isEnglish } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useMe } from '../../../session/index.tsx';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { FileComplaintButton } from '../complaint/file-complaint.tsx';
import {
  ApplicationStatusTag,
  applicationDeadline,
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
  return: { icon: <EditOutlined /> },
  resubmit: { icon: <SendOutlined />, primary: true },
};

/** 延期答复 (809 第二十一条第一款) of an application, as `GET /sharing/extensions?applicationId=` answers it. */
interface ReplyExtension {
  id: string;
  number: string;
  status: 'requested' | 'approved' | 'refused';
  workingDays: number;
  dueDateBefore: string;
  dueDateAfter: string | null;
}

const EXTENSION_STATES: Record<ReplyExtension['status'], { zh: string; en: string; color: string }> = {
  requested: { zh: '待主管部门同意', en: 'awaiting the authority', color: 'processing' },
  approved: { zh: '已同意延期', en: 'approved', color: 'success' },
  refused: { zh: '不同意延期', en: 'refused', color: 'default' },
};

/** The application's reply extension, if one was asked for: its state, the days and a link to its case page. */
function ExtensionItem({ extension }: { extension: ReplyExtension }) {
  const { i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const state = EXTENSION_STATES[extension.status];
  return (
    <span data-testid="case-extension" data-status={extension.status}>
      <Tag color={state.color}>{en ? state.en : state.zh}</Tag>
      <Link to={`/cases/extension/${extension.id}`} data-testid="case-extension-link">
        {extension.number}
      </Link>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {en
          ? `+${extension.workingDays} working days (was ${extension.dueDateBefore}${extension.dueDateAfter ? `, now ${extension.dueDateAfter}` : ''})`
          : `延长 ${extension.workingDays} 个工作日（原期限 ${extension.dueDateBefore}${extension.dueDateAfter ? `，延至 ${extension.dueDateAfter}` : ''}）`}
      </Typography.Text>
    </span>
  );
}

/** 申请办理: one application as its parties and the authority read it, with its timeline and open steps. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { item: app, fallback, setUpdated } = useCase<ApplicationDetail>(`/sharing/applications/${id}`, id);
  const [action, setAction] = useState<ApplicationAction>();
  const extensions = useApi<{ items: ReplyExtension[] }>('/sharing/extensions', { applicationId: id });
  if (!app) return fallback;
  const extension = extensions.data?.items[0];
  // N10: why the deadline moved, on the timeline (its reason is the event's detail).
  const moved = app.timeline.find((e) => e.action === 'deadline_extended')?.detail as
    | { workingDays: number; to: string }
    | undefined;
  const timelineLabels: Record<string, string> = moved
    ? {
        deadline_extended: isEnglish(i18n.language)
          ? `Reply period extended by ${moved.workingDays} working days, to ${moved.to} (approved by the authority)`
          : `经主管部门同意，答复期限延长 ${moved.workingDays} 个工作日，至 ${moved.to}`,
      }
    : {};
  const mine = app.consumer.departmentId === me.department.id;
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
          {mine && (app.status === 'refused' || app.overdue) && (
            <FileComplaintButton
              respondent={app.provider}
              subject={{ type: 'application', id: app.id }}
              kind={app.overdue ? 'delay' : 'refusal'}
            />
          )}
        </Space>
      }
      steps={(['resubmit', 'approve', 'refuse', 'return', 'withdraw'] as const)
        .filter((a) => app.allowedActions.includes(a) && !(a === 'return' && returned))
        .map((a) => ({
          action: a,
          label: t(`sharing.case.${a}`),
          icon: BUTTONS[a].icon,
          primary: BUTTONS[a].primary ?? false,
          danger: BUTTONS[a].danger ?? false,
          testId: `case-${a}`,
        }))}
      onStep={(a) => setAction(a as ApplicationAction)}
      onCloseStep={() => setAction(undefined)}
      dialog={
        <DecisionModal
          application={app}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(next) => {
            setAction(undefined);
            setUpdated(next);
          }}
        />
      }
      banner={
        <>
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
          {extension && (
            <Descriptions.Item label={isEnglish(i18n.language) ? 'Reply extension' : '延期答复'}>
              <ExtensionItem extension={extension} />
            </Descriptions.Item>
          )}
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
    </CaseFrame>
  );
}
