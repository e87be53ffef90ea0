import './sharing.css';
import { Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  AccessMethod,
  Application,
  ApplicationStatus,
  CaseEvent,
  GrantStatus,
  Purpose,
  Scope,
} from '../../api/sharing.ts';
import { formatDateTime } from '../../lib/format.ts';

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  // 809 第二十条: the two internal consents stand apart from the provider's work.
  endorsing: 'purple',
  not_endorsed: 'volcano',
  answer_review: 'geekblue',
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  partially_approved: 'gold',
  refused: 'error',
  withdrawn: 'default',
};

const GRANT_COLORS: Record<GrantStatus, string> = {
  active: 'success',
  suspended: 'warning',
  revoked: 'error',
  expired: 'default',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`sharing.statuses.${status}`)}
    </Tag>
  );
}

export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={GRANT_COLORS[status]} data-grant-status={status}>
      {t(`sharing.grantStatuses.${status}`)}
    </Tag>
  );
}

export function PurposeText({ purpose, text }: { purpose: Purpose; text?: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`sharing.purposes.${purpose}`)}
      {text ? `：${text}` : ''}
    </>
  );
}

export function MethodTags({ methods }: { methods: AccessMethod[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {methods.map((m) => (
        <Tag key={m}>{t(`sharing.methods.${m}`)}</Tag>
      ))}
    </Space>
  );
}

export function ItemTags({ items, color, testId }: { items: string[]; color?: string; testId?: string }) {
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {items.map((i) => (
        <Tag key={i} color={color} data-item={i}>
          {i}
        </Tag>
      ))}
    </Space>
  );
}

export function ScopeText({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  if (scope.kind === 'all') return <>{t('sharing.scope.all')}</>;
  return (
    <>
      {t('sharing.scope.filter')}：
      {Object.entries(scope.filter)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join('；')}
    </>
  );
}

/** A case's deadline as the deadline cell reads it. */
export interface CaseDeadline {
  deadline: Application['deadline'];
  overdue: boolean;
  /** Whether the case still waits for the step the deadline is for. */
  open: boolean;
  /** The profile sets no period for this step (the case shows the profile's text elsewhere). */
  noPeriod: boolean;
  late: boolean;
  /** The period has not begun: it runs from a later step (the head's consent, 809 第二十条). */
  notStarted?: boolean;
}

const BEFORE_PROVIDER: readonly ApplicationStatus[] = ['endorsing', 'not_endorsed'];

export const applicationDeadline = (a: Application): CaseDeadline => ({
  deadline: a.deadline,
  overdue: a.overdue,
  notStarted: !a.deadline && BEFORE_PROVIDER.includes(a.status),
  // The reply period runs while the provider works on it, its head's consent included (第二十条第三款).
  open: a.status === 'pending' || a.status === 'answer_review',
  noPeriod: !a.deadline && a.path === 'application' && !BEFORE_PROVIDER.includes(a.status),
  late: a.decidedLate,
});

/**
 * A deadline as the party that must act reads it: the due date, the working days left (or how
 * many past), in red once overdue (R40); "no statutory period" where the profile sets none.
 */
export function DeadlineCell({
  deadline: d,
  overdue: flagged,
  open,
  noPeriod,
  late,
  notStarted,
}: CaseDeadline) {
  const { t } = useTranslation();
  if (!d && notStarted)
    return (
      <Typography.Text type="secondary" data-testid="deadline-not-started">
        {t('sharing.deadline.notStarted')}
      </Typography.Text>
    );
  if (!d)
    return noPeriod ? (
      <Typography.Text type="secondary">{t('sharing.deadline.noDeadline')}</Typography.Text>
    ) : (
      <>—</>
    );
  const left = d.workingDaysLeft;
  const overdue = flagged || (open && left !== null && left < 0);
  return (
    <Space size={4} orientation="vertical" data-testid="deadline" data-overdue={overdue}>
      <span className={overdue ? 'gs-overdue-text' : undefined}>
        {d.dueDate}
        {d.provisional && (
          <Tag className="gs-provisional" title={t('sharing.deadline.provisionalHint')}>
            {t('sharing.deadline.provisional')}
          </Tag>
        )}
      </span>
      {open && left !== null && (
        <span className={overdue ? 'gs-overdue-text' : undefined} data-testid="days-left">
          {left > 0
            ? t('sharing.deadline.daysLeft', { count: left })
            : left === 0
              ? t('sharing.deadline.dueToday')
              : t('sharing.deadline.overdueBy', { count: -left })}
        </span>
      )}
      {overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
      {late && <Tag color="volcano">{t('sharing.deadline.late')}</Tag>}
    </Space>
  );
}

const EVENT_COLORS: Record<string, string> = {
  approve: 'green',
  agree: 'green',
  fail: 'red',
  escalate: 'orange',
  granted_at_once: 'green',
  create: 'green',
  resume: 'green',
  refuse: 'red',
  revoke: 'red',
  overdue: 'red',
  suspend: 'orange',
  due_soon: 'orange',
  withdraw: 'gray',
  sign: 'green',
  file: 'green',
  answer: 'green',
  decline: 'red',
  refuse_filing: 'red',
};

/** Events whose `decision` is the code of a drafted answer, not words someone wrote (809 第二十条第三款). */
const DRAFT_EVENTS = ['draft_answer', 'confirm_answer', 'send_back_answer'];

/** A stored two-language text ({zh, en}) in the reader's language. */
function labelText(value: unknown, language: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const label = value as { zh?: unknown; en?: unknown };
  const text = language.startsWith('en') ? label.en : label.zh;
  return typeof text === 'string' ? text : undefined;
}

/** Events that say whom an overdue escalation reached (N01, R128). */
const ESCALATION_EVENTS = ['escalated', 'escalation_unreachable'];

/**
 * N01/R128: an overdue escalation's detail says whom it reached (the head, the sharing officer, or
 * nobody) as ids and a name; the reader gets one sentence and the date that was missed.
 */
function EscalationDetail({ action, detail }: { action: string; detail: Record<string, unknown> }) {
  const { t } = useTranslation();
  const name = typeof detail.name === 'string' ? detail.name : '—';
  const reached =
    action === 'escalation_unreachable' || detail.reached === null
      ? t('cases.escalation.unreachable', { head: typeof detail.head === 'string' ? detail.head : '' })
      : detail.reached === 'officer'
        ? t('cases.escalation.officer', { name })
        : t('cases.escalation.head', { name });
  return (
    <div style={{ color: '#475569', fontSize: 13 }} data-testid="event-escalation">
      <div>{reached}</div>
      {typeof detail.dueDate === 'string' && <div>{t('cases.escalation.due', { date: detail.dueDate })}</div>}
    </div>
  );
}

/** What of an event's detail a reader needs: items, reasons, comments, the head's word. */
function EventDetail({ action, detail }: { action: string; detail: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  if (ESCALATION_EVENTS.includes(action)) return <EscalationDetail action={action} detail={detail} />;
  const drafted = DRAFT_EVENTS.includes(action);
  const draftDecision =
    drafted && (detail.decision === 'approve' || detail.decision === 'refuse') ? detail.decision : undefined;
  const itemsLabel = ['approve', 'agree', 'decide', 'confirm_answer'].includes(action)
    ? t('sharing.fields.decidedItems')
    : action === 'draft_answer'
      ? t('sharing.consent.draftItems')
      : action === 'create'
        ? t('sharing.fields.grantedItems')
        : t('sharing.fields.items');
  const words = [detail.text, drafted ? undefined : detail.decision, detail.note, detail.reply].filter(
    (w): w is string => typeof w === 'string',
  );
  const items = Array.isArray(detail.items) ? (detail.items as string[]) : undefined;
  const reason = typeof detail.reason === 'string' ? detail.reason : undefined;
  const comment = typeof detail.comment === 'string' ? detail.comment : undefined;
  const opinion = typeof detail.opinion === 'string' ? detail.opinion : undefined;
  // An officer's record of the written consent of a head without an account, with its reference.
  const recorded = labelText(detail.recorded, i18n.language);
  // The head whose word the step is: the roster's name, beside the account that took the step.
  const head = !recorded && typeof detail.head === 'string' ? detail.head : undefined;
  const points = Array.isArray(detail.points) ? (detail.points as string[]) : [];
  const basis =
    detail.basis && typeof detail.basis === 'object'
      ? (detail.basis as { text?: string; article?: string })
      : undefined;
  return (
    <div style={{ color: '#475569', fontSize: 13 }}>
      {items && items.length > 0 && (
        <div>
          {itemsLabel}：{items.join('、')}
        </div>
      )}
      {draftDecision && (
        <div data-testid="event-decision">
          {action === 'confirm_answer'
            ? t(`sharing.consent.answeredDecisions.${draftDecision}`)
            : t(`sharing.consent.draftDecisions.${draftDecision}`)}
        </div>
      )}
      {reason && <div data-testid="event-reason">{reason}</div>}
      {comment && <div>{comment}</div>}
      {opinion && (
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="event-opinion">
          {t('sharing.consent.opinion')}：{opinion}
        </div>
      )}
      {head && <div data-testid="event-head">{t('sharing.consent.headLine', { name: head })}</div>}
      {recorded && <div data-testid="event-recorded">{recorded}</div>}
      {points.length > 0 && (
        <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="event-points">
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
      )}
      {words.map((w) => (
        <div key={w} style={{ whiteSpace: 'pre-wrap' }}>
          {w}
        </div>
      ))}
      {basis?.text && (
        <div>
          {basis.text}
          {basis.article ? `（${basis.article}）` : ''}
        </div>
      )}
    </div>
  );
}

/** A case's history from `sharing_event`: who did what, when and why. */
export function CaseTimeline({
  events,
  labels = {},
}: {
  events: CaseEvent[];
  labels?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e, index) => ({
        key: `${e.at}-${index}`,
        color: EVENT_COLORS[e.action] ?? 'blue',
        content: (
          <div data-event={e.action}>
            <Space size={8} wrap>
              <Typography.Text strong>
                {labels[e.action] ?? t(`sharing.events.${e.action as 'submit'}`, { defaultValue: e.action })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {e.actor.id === null ? t('sharing.platformActor') : e.actor.name}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(e.at, i18n.language)}</Typography.Text>
            </Space>
            <EventDetail action={e.action} detail={e.detail} />
          </div>
        ),
      }))}
    />
  );
}
