import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type ComplaintAction, type ComplaintDetail, sharingApi } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { DeadlineCell } from '../shared.tsx';
import type { StepField } from '../step-modal.tsx';

const ORDER: ComplaintAction[] = ['investigate', 'note', 'answer', 'withdraw'];
const SUBJECT_PATHS: Record<string, string> = {
  application: '/sharing/applications/',
  grant: '/sharing/grants/',
  entry: '/catalog/entries/',
};

/** A complaint: what it is about, its deadline, the written answer, its timeline and open steps. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { item: c, fallback, setUpdated } = useCase<ComplaintDetail>(`/sharing/complaints/${id}`, id);
  const [step, setStep] = useState<ComplaintAction>();
  if (!c) return fallback;
  const open = c.status === 'received' || c.status === 'investigating';
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
        ]
      : step === 'note'
        ? [{ name: 'note', label: t('sharing.complaints.noteText'), required: true }]
        : [{ name: 'note', label: t('sharing.complaints.note') }];

  return (
    <CaseFrame
      number={c.number}
      numberTestId="complaint-number"
      status={
        <>
          <Tag data-complaint-status={c.status} color={open ? 'processing' : 'default'}>
            {t(`sharing.complaints.statuses.${c.status}`)}
          </Tag>
          {c.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
        </>
      }
      title={t(`sharing.complaints.kinds.${c.kind}`)}
      meta={
        <>
          <span>
            {t('sharing.complaints.fields.complainant')}：{c.complainant.name}（{c.filedBy.name}）
          </span>
          <span>
            {t('sharing.complaints.fields.respondent')}：{c.respondent.name}
          </span>
          <span>{formatDateTime(c.createdAt, i18n.language)}</span>
        </>
      }
      stepsTestId="complaint-actions"
      steps={ORDER.filter((s) => c.allowedActions.includes(s)).map((s) => ({
        action: s,
        label: t(`sharing.complaints.actions.${s}`),
        primary: s === 'answer' || s === 'investigate',
        danger: s === 'withdraw',
        testId: `complaint-${s}`,
      }))}
      onStep={(s) => setStep(s as ComplaintAction)}
      onCloseStep={() => setStep(undefined)}
      dialog={
        step && {
          title: `${t(`sharing.complaints.actions.${step}`)} · ${c.number}`,
          danger: step === 'withdraw',
          fields,
          doneMessage: t('sharing.complaints.done'),
          submit: async (v) => {
            const body =
              step === 'answer'
                ? { outcome: v.outcome, reply: v.reply ?? '' }
                : v.note
                  ? { note: v.note }
                  : {};
            setUpdated(await sharingApi.complaintStep(c.id, step, body));
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
      timelineLabels={{ file: t('sharing.complaints.filedEvent') }}
    >
      <Card
        variant="borderless"
        title={t('sharing.complaints.fields.description')}
        style={{ marginBottom: 16 }}
      >
        <Descriptions bordered size="small" column={1}>
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
              <div style={{ color: '#64748b', fontSize: 12 }}>{c.deadline.article}</div>
            )}
            {c.deadlineNote && <div style={{ color: '#64748b', fontSize: 12 }}>{c.deadlineNote}</div>}
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
