import { Alert, Card, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { DisputeAction } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { DeadlineCell, ItemTags, MethodTags, PurposeText } from '../shared.tsx';
import { DisputeStatusTag, OPEN_DISPUTE } from './status-tag.tsx';
import { DisputeStepModal } from './step-modal.tsx';

const ORDER: DisputeAction[] = [
  'record_government_decision',
  'decide',
  'refer',
  'agree',
  'minutes',
  'fail',
  'escalate',
  'withdraw',
];
const PRIMARY: DisputeAction[] = ['decide', 'agree', 'escalate', 'record_government_decision'];
const DANGER: DisputeAction[] = ['fail', 'withdraw'];

/** N19 words (809 第二十八条第二款), zh-CN first. */
const N19 = {
  referral: { zh: '已报本级人民政府决定', en: 'Referred to the government' },
  government: { zh: '决定机关', en: 'Deciding government' },
  reference: { zh: '决定文号', en: 'Document number' },
  decidedOn: { zh: '决定日期', en: 'Decided on' },
  recordedBy: { zh: '登记人', en: 'Recorded by' },
  final: {
    zh: '人民政府决定为最终决定，案件已办结。',
    en: "The government's decision is final; the case is closed.",
  },
};

/** A negotiation / coordination case: the need, the stage's deadline, the outcome, the timeline. */
export function DisputePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { item: d, fallback, setUpdated } = useCase(`/sharing/disputes/${id}`, id);
  const [step, setStep] = useState<DisputeAction>();
  if (!d) return fallback;
  const open = OPEN_DISPUTE.includes(d.status);
  const say = (label: { zh: string; en: string }) => (i18n.language.startsWith('en') ? label.en : label.zh);
  const gov = d.governmentDecision;

  return (
    <CaseFrame
      number={d.number}
      numberTestId="dispute-number"
      status={
        <>
          <DisputeStatusTag status={d.status} />
          <Tag>{t(`sharing.disputes.origins.${d.origin}`)}</Tag>
          {d.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
        </>
      }
      title={<Link to={`/catalog/entries/${d.entry.id}`}>{d.entry.name}</Link>}
      meta={
        <>
          <span>
            {t('sharing.fields.consumer')}：{d.consumer.name}（{d.openedBy.name}）
          </span>
          <span>
            {t('sharing.fields.provider')}：{d.provider.name}
          </span>
          <span>
            {t('sharing.fields.submittedAt')}：{formatDateTime(d.createdAt, i18n.language)}
          </span>
        </>
      }
      stepsTestId="dispute-actions"
      steps={ORDER.filter((a) => d.allowedActions.includes(a)).map((a) => ({
        action: a,
        label: t(`sharing.disputes.actions.${a}`),
        primary: PRIMARY.includes(a),
        danger: DANGER.includes(a),
        testId: `dispute-${a}`,
      }))}
      onStep={(a) => setStep(a as DisputeAction)}
      onCloseStep={() => setStep(undefined)}
      dialog={
        <DisputeStepModal
          dispute={d}
          step={step}
          onClose={() => setStep(undefined)}
          onDone={(next) => {
            setStep(undefined);
            setUpdated(next);
          }}
        />
      }
      banner={
        <>
          {d.status === 'negotiation_failed' && d.failureReason && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('sharing.disputes.fields.failureReason')}
              description={d.failureReason}
              data-testid="dispute-failure"
            />
          )}
          {d.referral && (
            <Alert
              type={gov ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="dispute-referral"
              title={`${say(N19.referral)}：${d.referral.government}`}
              description={
                <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{d.referral.reason}</div>
              }
            />
          )}
          {gov && (
            <Descriptions
              bordered
              size="small"
              column={1}
              style={{ marginBottom: 16 }}
              data-testid="dispute-government-decision"
              title={t(`sharing.disputes.statuses.${d.status}`)}
              extra={<span style={{ color: '#475569', fontSize: 12 }}>{say(N19.final)}</span>}
            >
              <Descriptions.Item label={say(N19.government)}>{gov.decidedBy}</Descriptions.Item>
              <Descriptions.Item label={say(N19.reference)}>
                <span data-testid="dispute-government-reference">{gov.reference}</span>
              </Descriptions.Item>
              <Descriptions.Item label={say(N19.decidedOn)}>{gov.decidedOn}</Descriptions.Item>
              <Descriptions.Item label={say(N19.recordedBy)}>
                {gov.recordedBy.name} · {formatDateTime(gov.recordedAt, i18n.language)}
              </Descriptions.Item>
            </Descriptions>
          )}
          {d.decision && (
            <Alert
              type={d.status === 'closed' || d.status === 'government_closed' ? 'error' : 'success'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="dispute-outcome"
              title={t(`sharing.disputes.statuses.${d.status}`)}
              description={
                <>
                  <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{d.decision}</div>
                  {d.decidedItems && (
                    <div style={{ marginTop: 6 }}>
                      {t('sharing.disputes.fields.decidedItems')}：
                      <ItemTags items={d.decidedItems} color="green" testId="dispute-decided-items" />
                    </div>
                  )}
                  {d.grantId && (
                    <Link to={`/sharing/grants/${d.grantId}`} data-testid="dispute-grant-link">
                      {t('sharing.case.openGrant')}
                    </Link>
                  )}
                </>
              }
            />
          )}
        </>
      }
      timeline={d.timeline}
      timelineLabels={{
        refer: t('sharing.disputes.actions.refer'),
        record_government_decision: t('sharing.disputes.actions.record_government_decision'),
      }}
    >
      <Card variant="borderless" title={t('sharing.case.request')} style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={1} data-testid="dispute-detail">
          <Descriptions.Item label={t('sharing.disputes.fields.reason')}>{d.reason}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.items')}>
            <ItemTags items={d.items} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.purpose')}>
            <PurposeText purpose={d.purpose} text={d.purposeText} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.legalDuty')}>{d.legalDuty}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.methods')}>
            <MethodTags methods={d.methods} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.validity')}>
            {d.validFrom} ~ {d.validUntil}
          </Descriptions.Item>
          {d.applicationId && (
            <Descriptions.Item label={t('sharing.disputes.fields.application')}>
              <Link to={`/sharing/applications/${d.applicationId}`}>{t('sharing.apply.openCase')}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sharing.disputes.fields.stageDue')}>
            <DeadlineCell
              deadline={d.deadline}
              overdue={d.overdue}
              open={open}
              noPeriod={!d.deadline && open}
              late={false}
            />
            {d.deadline?.article && (
              <div style={{ color: '#475569', fontSize: 12 }} data-testid="dispute-deadline-article">
                {d.deadline.article}
              </div>
            )}
            {d.deadlineNote && <div style={{ color: '#475569', fontSize: 12 }}>{d.deadlineNote}</div>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
