import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type AgreementAction, type AgreementDetail, sharingApi } from '../../../api/sharing.ts';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { CaseTimeline, ItemTags, MethodTags, PurposeText } from '../shared.tsx';
import { StepModal } from '../step-modal.tsx';
import { AgreementStatusTag } from './status-tag.tsx';

const ORDER: AgreementAction[] = ['file', 'sign', 'refuse_filing', 'decline', 'withdraw'];
/** Steps that must give a reason; the others take an optional note. */
const REASONED: AgreementAction[] = ['decline', 'refuse_filing'];

/** An agreement: its terms, whether it is filed and in effect, its grant, its timeline and open steps. */
export function AgreementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const loaded = useApi<AgreementDetail>(`/sharing/agreements/${id}`);
  const [updated, setUpdated] = useState<AgreementDetail>();
  const [step, setStep] = useState<AgreementAction>();
  const a = updated?.id === id ? updated : loaded.data;

  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!a)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
  const reasoned = step ? REASONED.includes(step) : false;

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
              <Typography.Text code data-testid="agreement-number">
                {a.number}
              </Typography.Text>
              <AgreementStatusTag status={a.status} />
            </Space>
            <h1>
              <Link to={`/catalog/entries/${a.entry.id}`}>{a.entry.name}</Link>
            </h1>
            <Space size={16} wrap style={{ color: '#64748b' }}>
              <span>
                {t('sharing.fields.consumer')}：{a.consumer.name}
              </span>
              <span>
                {t('sharing.fields.provider')}：{a.provider.name}
              </span>
            </Space>
          </div>
          {a.allowedActions.length > 0 && (
            <Space wrap data-testid="agreement-actions">
              {ORDER.filter((s) => a.allowedActions.includes(s)).map((s) => (
                <Button
                  key={s}
                  type={s === 'file' || s === 'sign' ? 'primary' : 'default'}
                  danger={s !== 'file' && s !== 'sign'}
                  onClick={() => setStep(s)}
                  data-testid={`agreement-${s}`}
                >
                  {t(`sharing.agreements.actions.${s}`)}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </Card>
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
      <Row gutter={16}>
        <Col xs={24} lg={15}>
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
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('sharing.case.timeline')}>
            <CaseTimeline events={a.timeline} />
          </Card>
        </Col>
      </Row>
      <StepModal
        open={!!step}
        title={step && `${t(`sharing.agreements.actions.${step}`)} · ${a.number}`}
        danger={reasoned || step === 'withdraw'}
        fields={[
          reasoned
            ? { name: 'reason', label: t('sharing.agreements.reason'), required: true }
            : { name: 'note', label: t('sharing.agreements.note') },
        ]}
        doneMessage={t('sharing.agreements.done')}
        onClose={() => setStep(undefined)}
        onSubmit={async (v) => {
          if (!step) return;
          const body = reasoned ? { reason: v.reason ?? '' } : v.note ? { note: v.note } : {};
          setUpdated(await sharingApi.agreementStep(a.id, step, body));
          setStep(undefined);
        }}
      />
    </>
  );
}
