import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { StepOf } from '../../../api/contract.ts';
import type { ApplicationDetail } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { CaseStepDialog } from '../../cases/case-frame.tsx';
import type { HeadRole } from '../head-role.ts';
import { ItemTags } from '../shared.tsx';

/** The consents of 809 第二十条: the requester head's (第二款) and the provider head's (第三款). */
export const CONSENT_ACTIONS = ['endorse', 'decline', 'confirm_answer', 'send_back_answer'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Each consent's path segment under its application. */
const CONSENT_PATHS = {
  endorse: 'endorse',
  decline: 'decline',
  confirm_answer: 'confirm-answer',
  send_back_answer: 'send-back-answer',
} as const satisfies Record<ConsentAction, StepOf<'/sharing/applications/{id}'>>;

export const isConsentAction = (action: string | undefined): action is ConsentAction =>
  (CONSENT_ACTIONS as readonly string[]).includes(action ?? '');

/** The timeline's words for the application's own events (others keep the shared labels). */
export function consentEventLabels(t: TFunction): Record<string, string> {
  return {
    endorse: t('sharing.consent.events.endorse'),
    decline: t('sharing.consent.events.decline'),
    draft_answer: t('sharing.consent.events.draft_answer'),
    confirm_answer: t('sharing.consent.events.confirm_answer'),
    send_back_answer: t('sharing.consent.events.send_back_answer'),
  };
}

/**
 * A consent step as a dialog of the case frame. The head consents in person with an optional
 * opinion; the officer of a head without an account records the head's written consent and must
 * give its reference (文号). Declining needs a reason, sending an answer back an opinion.
 */
export function consentDialog({
  action,
  role,
  application,
  t,
  onDone,
}: {
  action: ConsentAction;
  role: HeadRole;
  application: ApplicationDetail;
  t: TFunction;
  onDone(next: ApplicationDetail): void;
}): CaseStepDialog {
  // The officer records the written word of a head without an account: every such step names its 文号.
  const recorded = role === 'officer';
  const reference = recorded
    ? [
        {
          name: 'reference',
          label: t('sharing.consent.fields.reference'),
          required: true,
          line: true,
          placeholder: t('sharing.consent.referencePlaceholder'),
        },
      ]
    : [];
  const title =
    action === 'endorse' && recorded
      ? t('sharing.consent.titles.endorseOfficer')
      : action === 'confirm_answer' && recorded
        ? t('sharing.consent.titles.confirmOfficer')
        : t(`sharing.consent.titles.${action}`);
  const fields = [
    ...reference,
    action === 'decline'
      ? { name: 'reason', label: t('sharing.consent.fields.reason'), required: true }
      : action === 'send_back_answer'
        ? { name: 'opinion', label: t('sharing.consent.fields.sendBackOpinion'), required: true }
        : { name: 'opinion', label: t('sharing.consent.fields.opinion') },
  ];
  return {
    title: `${title} · ${application.number}`,
    intro:
      action === 'endorse' && recorded
        ? t('sharing.consent.intros.endorseOfficer')
        : action === 'confirm_answer' && recorded
          ? t('sharing.consent.intros.confirmOfficer')
          : t(`sharing.consent.intros.${action}`),
    fields,
    danger: action === 'decline',
    doneMessage: t(`sharing.consent.done.${action}`),
    submit: async (values) => {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
      onDone(
        await api(`/sharing/applications/${application.id}/${CONSENT_PATHS[action]}`, {
          method: 'POST',
          body,
        }),
      );
    },
  };
}

/** Who consented to the application in the requesting department, how, and when (第二十条第二款). */
export function EndorsementCard({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const endorsement = application.endorsement;
  if (!endorsement) return null;
  return (
    <Card variant="borderless" title={t('sharing.consent.endorsement')} style={{ marginBottom: 16 }}>
      <Descriptions bordered size="small" column={1} data-testid="case-endorsement">
        <Descriptions.Item label={t('sharing.consent.endorsedBy')}>
          <span data-testid="endorsement-by">{endorsement.by.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sharing.consent.recordedBy')}>
          {endorsement.recordedBy ? (
            <Tag color="orange" data-testid="endorsement-recorded">
              {t('sharing.consent.recordedByOfficer', { name: endorsement.recordedBy.name })}
            </Tag>
          ) : (
            t('sharing.consent.recordedByHead')
          )}
        </Descriptions.Item>
        {endorsement.reference && (
          <Descriptions.Item label={t('sharing.consent.reference')}>
            <span data-testid="endorsement-reference">{endorsement.reference}</span>
          </Descriptions.Item>
        )}
        {endorsement.opinion && (
          <Descriptions.Item label={t('sharing.consent.opinion')}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="endorsement-opinion">
              {endorsement.opinion}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('sharing.consent.at')}>
          {formatDateTime(endorsement.at, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The answer a staff member drafted, waiting for the provider head's consent (第二十条第三款). */
export function DraftAnswerCard({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const draft = application.draftAnswer;
  // The server keeps the draft after the head's word; it is pending only while under review.
  if (!draft || application.status !== 'answer_review') return null;
  return (
    <Card variant="borderless" title={t('sharing.consent.draftTitle')} style={{ marginBottom: 16 }}>
      <Alert type="info" style={{ marginBottom: 12 }} title={t('sharing.consent.draftHint')} />
      <Descriptions bordered size="small" column={1} data-testid="case-draft-answer">
        <Descriptions.Item label={t('sharing.consent.draftDecision')}>
          <Tag
            color={draft.decision === 'approve' ? 'green' : 'red'}
            data-testid="draft-decision"
            data-decision={draft.decision}
          >
            {t(`sharing.consent.draftDecisions.${draft.decision}`)}
          </Tag>
        </Descriptions.Item>
        {draft.items && (
          <Descriptions.Item label={t('sharing.consent.draftItems')}>
            <ItemTags items={draft.items} color="green" testId="draft-items" />
          </Descriptions.Item>
        )}
        {draft.reason && (
          <Descriptions.Item label={t('sharing.consent.draftReason')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="draft-reason">
              {draft.reason}
            </Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('sharing.consent.draftedBy')}>
          <span data-testid="draft-by">{draft.draftedBy.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sharing.consent.draftedAt')}>
          {formatDateTime(draft.draftedAt, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
