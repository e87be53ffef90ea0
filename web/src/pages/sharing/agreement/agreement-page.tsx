import { Alert, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type AgreementAction, sharingApi } from '../../../api/sharing.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import { ItemTags, MethodTags, PurposeText } from '../shared.tsx';
import { AgreementStatusTag } from './status-tag.tsx';

const ORDER: AgreementAction[] = ['file', 'sign', 'refuse_filing', 'decline', 'withdraw'];
/** Steps that must give a reason; the others take an optional note. */
const REASONED: AgreementAction[] = ['decline', 'refuse_filing'];

/** An agreement: its terms, whether it is filed and in effect, its grant, its timeline and open steps. */
export function AgreementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { item: a, fallback, setUpdated } = useCase(`/sharing/agreements/${id}`, id);
  const [step, setStep] = useState<AgreementAction>();
  if (!a) return fallback;
  const reasoned = step ? REASONED.includes(step) : false;

  return (
    <CaseFrame
      number={a.number}
      numberTestId="agreement-number"
      status={<AgreementStatusTag status={a.status} />}
      title={<Link to={`/catalog/entries/${a.entry.id}`}>{a.entry.name}</Link>}
      meta={
        <>
          <span>
            {t('sharing.fields.consumer')}：{a.consumer.name}
          </span>
          <span>
            {t('sharing.fields.provider')}：{a.provider.name}
          </span>
        </>
      }
      stepsTestId="agreement-actions"
      steps={ORDER.filter((s) => a.allowedActions.includes(s)).map((s) => ({
        action: s,
        label: t(`sharing.agreements.actions.${s}`),
        primary: s === 'file' || s === 'sign',
        danger: s !== 'file' && s !== 'sign',
        testId: `agreement-${s}`,
      }))}
      onStep={(s) => setStep(s as AgreementAction)}
      onCloseStep={() => setStep(undefined)}
      dialog={
        step && {
          title: `${t(`sharing.agreements.actions.${step}`)} · ${a.number}`,
          danger: reasoned || step === 'withdraw',
          fields: [
            reasoned
              ? { name: 'reason', label: t('sharing.agreements.reason'), required: true }
              : { name: 'note', label: t('sharing.agreements.note') },
          ],
          doneMessage: t('sharing.agreements.done'),
          submit: async (v) => {
            const body = reasoned ? { reason: v.reason ?? '' } : v.note ? { note: v.note } : {};
            setUpdated(await sharingApi.agreementStep(a.id, step, body));
            setStep(undefined);
          },
        }
      }
      banner={
        <Alert
          type={a.effective ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="agreement-effect"
          title={a.effective ? t('sharing.agreements.effective') : t('sharing.agreements.notEffective')}
          description={
            <>
              {a.reason && (
                <div>
                  {t('sharing.agreements.fields.reason')}：{a.reason}
                </div>
              )}
              {a.grantId && <Link to={`/sharing/grants/${a.grantId}`}>{t('sharing.case.openGrant')}</Link>}
            </>
          }
        />
      }
      timeline={a.timeline}
    >
      <Card variant="borderless" title={t('sharing.case.request')} style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('sharing.fields.items')}>
            <ItemTags items={a.items} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.purpose')}>
            <PurposeText purpose={a.purpose} text={a.purposeText} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.legalDuty')}>{a.legalDuty}</Descriptions.Item>
          <Descriptions.Item label={t('sharing.agreements.fields.frequency')}>
            {t(`sharing.agreements.frequencies.${a.frequency}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.methods')}>
            <MethodTags methods={a.methods} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.fields.validity')}>
            {a.validFrom} ~ {a.validUntil}
          </Descriptions.Item>
          {a.terms && (
            <Descriptions.Item label={t('sharing.agreements.fields.terms')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{a.terms}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sharing.agreements.fields.signedAt')}>
            {formatDateTime(a.signedAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.agreements.fields.filedAt')}>
            {formatDateTime(a.filedAt, i18n.language)}
            {a.filingNote ? `（${a.filingNote}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('sharing.agreements.fields.basis')}>
            {a.basis.text}
            {a.basis.article ? `（${a.basis.article}）` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
