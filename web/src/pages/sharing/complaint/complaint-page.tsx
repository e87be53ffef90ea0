import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ComplaintAction, sharingApi } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { DeadlineCell } from '../shared.tsx';
import type { StepField } from '../step-modal.tsx';
import {
  isRectificationAction,
  isRectificationStatus,
  pick,
  RECTIFICATION_LABELS,
} from './rectification-labels.ts';

const ORDER: ComplaintAction[] = [
  'investigate',
  'note',
  'answer',
  'report_rectification',
  'accept_rectification',
  'reject_rectification',
  'terminate',
  'withdraw',
];
const DANGER: ComplaintAction[] = ['withdraw', 'reject_rectification', 'terminate'];
const RECTIFY_DAYS = ['5', '10', '15', '20'];
const SUBJECT_PATHS: Record<string, string> = {
  application: '/sharing/applications/',
  grant: '/sharing/grants/',
  entry: '/catalog/entries/',
};

/** A complaint: what it is about, its deadline, the written answer, its timeline and open steps. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { item: c, fallback, setUpdated } = useCase(`/sharing/complaints/${id}`, id);
  const [step, setStep] = useState<ComplaintAction>();
  if (!c) return fallback;
  const say = (label: { zh: string; en: string }) => pick(i18n.language, label);
  const F = RECTIFICATION_LABELS.fields;
  const open = c.status === 'received' || c.status === 'investigating';
  const rectifying = c.status === 'rectifying' || c.status === 'rectification_reported';
  // N17: an upheld misuse complaint about a grant may suspend it with a rectification order and date.
  const suspendable = c.kind === 'misuse' && c.subject?.type === 'grant';
  const statusLabel = isRectificationStatus(c.status)
    ? say(RECTIFICATION_LABELS.statuses[c.status])
    : t(`sharing.complaints.statuses.${c.status}`);
  const actionLabel = (a: ComplaintAction) =>
    isRectificationAction(a) ? say(RECTIFICATION_LABELS.actions[a]) : t(`sharing.complaints.actions.${a}`);
  const fields: StepField[] =
    step === 'answer'
      ? [
          {
            name: 'outcome',
            label: t('sharing.complaints.fields.outcome'),
            required: true,
            choices: (['upheld', 'not_upheld'] as const).map((o) => ({
              value: o,
              label: t(`sharing.complaints.outcomes.${o}`),
            })),
          },
          { name: 'reply', label: t('sharing.complaints.fields.reply'), required: true },
          ...(suspendable
            ? [
                {
                  name: 'rectify',
                  label: say(F.rectify),
                  choices: [
                    { value: 'yes', label: say(F.rectifyYes) },
                    { value: 'no', label: say(F.rectifyNo) },
                  ],
                },
                { name: 'order', label: say(F.order) },
                {
                  name: 'days',
                  label: say(F.days),
                  choices: RECTIFY_DAYS.map((d) => ({ value: d, label: d })),
                },
              ]
            : []),
        ]
      : step === 'note'
        ? [{ name: 'note', label: t('sharing.complaints.noteText'), required: true }]
        : step === 'report_rectification'
          ? [{ name: 'report', label: say(F.report), required: true }]
          : step === 'accept_rectification'
            ? [{ name: 'note', label: say(F.note) }]
            : step === 'reject_rectification' || step === 'terminate'
              ? [{ name: 'reason', label: say(F.reason), required: true }]
              : [{ name: 'note', label: t('sharing.complaints.note') }];
  const bodyOf = (v: Record<string, string | undefined>): Record<string, unknown> => {
    if (step === 'answer') {
      const body: Record<string, unknown> = { outcome: v.outcome, reply: v.reply ?? '' };
      if (suspendable && v.rectify === 'yes' && c.subject)
        Object.assign(body, {
          suspendGrantIds: [c.subject.id],
          rectification: { order: v.order ?? '', workingDays: Number(v.days ?? '10') },
        });
      return body;
    }
    if (step === 'report_rectification') return { report: v.report ?? '' };
    if (step === 'reject_rectification' || step === 'terminate') return { reason: v.reason ?? '' };
    return v.note ? { note: v.note } : {};
  };

  return (
    <CaseFrame
      number={c.number}
      numberTestId="complaint-number"
      status={
        <>
          <Tag
            data-complaint-status={c.status}
            color={
              open ? 'processing' : rectifying ? 'warning' : c.status === 'terminated' ? 'error' : 'default'
            }
          >
            {statusLabel}
          </Tag>
          {c.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
        </>
      }
      title={t(`sharing.complaints.kinds.${c.kind}`)}
      meta={
        <>
          {c.finding ? (
            <span data-testid="complaint-found-by">
              {t('sharing.complaints.finding.foundBy')}：
              {t(`sharing.complaints.finding.finders.${c.finding.by}`)}（{c.filedBy.name}）
            </span>
          ) : (
            <span>
              {t('sharing.complaints.fields.complainant')}：{c.complainant.name}（{c.filedBy.name}）
            </span>
          )}
          <span>
            {c.finding
              ? t('sharing.complaints.finding.respondent')
              : t('sharing.complaints.fields.respondent')}
            ：{c.respondent.name}
          </span>
          <span>{formatDateTime(c.createdAt, i18n.language)}</span>
        </>
      }
      stepsTestId="complaint-actions"
      steps={ORDER.filter((s) => c.allowedActions.includes(s)).map((s) => ({
        action: s,
        label: actionLabel(s),
        primary:
          s === 'answer' ||
          s === 'investigate' ||
          s === 'report_rectification' ||
          s === 'accept_rectification',
        danger: DANGER.includes(s),
        testId: `complaint-${s}`,
      }))}
      onStep={(s) => setStep(s as ComplaintAction)}
      onCloseStep={() => setStep(undefined)}
      dialog={
        step && {
          title: `${actionLabel(step)} · ${c.number}`,
          danger: DANGER.includes(step),
          fields,
          doneMessage: t('sharing.complaints.done'),
          submit: async (v) => {
            setUpdated(await sharingApi.complaintStep(c.id, step, bodyOf(v)));
            setStep(undefined);
          },
        }
      }
      banner={
        c.reply && (
          <Alert
            type={c.outcome === 'upheld' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="complaint-reply"
            title={
              c.outcome ? t(`sharing.complaints.outcomes.${c.outcome}`) : t('sharing.complaints.fields.reply')
            }
            description={<div style={{ whiteSpace: 'pre-wrap' }}>{c.reply}</div>}
          />
        )
      }
      timeline={c.timeline}
      timelineLabels={{
        file: t('sharing.complaints.filedEvent'),
        ...Object.fromEntries(
          Object.entries(RECTIFICATION_LABELS.actions).map(([k, label]) => [k, say(label)]),
        ),
      }}
    >
      {c.rectification && (
        <Card
          variant="borderless"
          title={say(F.card)}
          style={{ marginBottom: 16 }}
          data-testid="complaint-rectification"
        >
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={say(F.order)}>
              <span
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                data-testid="rectification-order"
              >
                {c.rectification.order}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={say(F.due)}>
              <div data-testid="rectification-due">
                <DeadlineCell
                  deadline={c.rectification.deadline}
                  overdue={false}
                  open={rectifying}
                  noPeriod={false}
                  late={false}
                />
              </div>
              {c.rectification.deadline.article && (
                <div style={{ color: '#475569', fontSize: 12 }}>{c.rectification.deadline.article}</div>
              )}
            </Descriptions.Item>
            {c.rectification.report && (
              <Descriptions.Item label={say(F.report)}>
                <span
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  data-testid="rectification-report"
                >
                  {c.rectification.report}
                </span>
                {c.rectification.reportedAt && (
                  <div style={{ color: '#475569', fontSize: 12 }}>
                    {say(F.reportedAt)}：{formatDateTime(c.rectification.reportedAt, i18n.language)}
                  </div>
                )}
              </Descriptions.Item>
            )}
            {c.termination && (
              <Descriptions.Item label={say(F.termination)}>
                <span
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  data-testid="complaint-termination"
                >
                  {c.termination.reason}
                </span>
                <div style={{ color: '#475569', fontSize: 12 }}>
                  {say(F.terminatedBy)}：
                  {c.termination.by.id === null ? t('sharing.platformActor') : c.termination.by.name} ·{' '}
                  {formatDateTime(c.termination.at, i18n.language)}
                </div>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      <Card
        variant="borderless"
        title={t('sharing.complaints.fields.description')}
        style={{ marginBottom: 16 }}
      >
        <Descriptions bordered size="small" column={1}>
          {c.finding && (
            <Descriptions.Item label={t('sharing.complaints.finding.what')}>
              <span data-testid="complaint-misuse">
                {c.finding.misuse.map((m) => t(`sharing.complaints.finding.misuseKinds.${m}`)).join('、')}
              </span>
              <div style={{ color: '#475569', fontSize: 12 }}>{c.finding.article}</div>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sharing.complaints.fields.description')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
          </Descriptions.Item>
          {c.subject && (
            <Descriptions.Item label={t('sharing.complaints.fields.subject')}>
              {SUBJECT_PATHS[c.subject.type] ? (
                <Link to={`${SUBJECT_PATHS[c.subject.type]}${c.subject.id}`}>
                  {c.subject.label ?? c.subject.id}
                </Link>
              ) : (
                (c.subject.label ?? c.subject.id)
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sharing.complaints.fields.dueDate')}>
            <DeadlineCell
              deadline={c.deadline}
              overdue={c.overdue}
              open={open}
              noPeriod={!c.deadline && open}
              late={false}
            />
            {c.deadline?.article && (
              <div style={{ color: '#475569', fontSize: 12 }}>{c.deadline.article}</div>
            )}
            {c.deadlineNote && <div style={{ color: '#475569', fontSize: 12 }}>{c.deadlineNote}</div>}
          </Descriptions.Item>
          {c.answeredAt && (
            <Descriptions.Item label={t('sharing.complaints.fields.answeredAt')}>
              {formatDateTime(c.answeredAt, i18n.language)}（{c.answeredBy?.name}）
            </Descriptions.Item>
          )}
          {c.suspendedGrants.length > 0 && (
            <Descriptions.Item label={t('sharing.complaints.fields.suspendedGrants')}>
              <Space wrap>
                {c.suspendedGrants.map((g) => (
                  <Link key={g} to={`/sharing/grants/${g}`}>
                    {g.slice(-8)}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
