import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DisputeAction, DisputeDetail } from '../../../api/sharing.ts';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { CaseTimeline, DeadlineCell, ItemTags, MethodTags, PurposeText } from '../shared.tsx';
import { DisputeStatusTag, OPEN_DISPUTE } from './status-tag.tsx';
import { DisputeStepModal } from './step-modal.tsx';

const ORDER: DisputeAction[] = ['decide', 'agree', 'minutes', 'fail', 'escalate', 'withdraw'];
const PRIMARY: DisputeAction[] = ['decide', 'agree', 'escalate'];
const DANGER: DisputeAction[] = ['fail', 'withdraw'];

/** A negotiation / coordination case: the need, the stage's deadline, the outcome, the timeline. */
export function DisputePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const loaded = useApi<DisputeDetail>(`/sharing/disputes/${id}`);
  const [updated, setUpdated] = useState<DisputeDetail>();
  const [step, setStep] = useState<DisputeAction>();
  const d = updated?.id === id ? updated : loaded.data;

  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!d)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  const open = OPEN_DISPUTE.includes(d.status);

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
              <Typography.Text code data-testid="dispute-number">
                {d.number}
              </Typography.Text>
              <DisputeStatusTag status={d.status} />
              <Tag>{t(`sharing.disputes.origins.${d.origin}`)}</Tag>
              {d.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
            </Space>
            <h1>
              <Link to={`/catalog/entries/${d.entry.id}`}>{d.entry.name}</Link>
            </h1>
            <Space size={16} wrap style={{ color: '#64748b' }}>
              <span>
                {t('sharing.fields.consumer')}：{d.consumer.name}（{d.openedBy.name}）
              </span>
              <span>
                {t('sharing.fields.provider')}：{d.provider.name}
              </span>
              <span>
                {t('sharing.fields.submittedAt')}：{formatDateTime(d.createdAt, i18n.language)}
              </span>
            </Space>
          </div>
          {d.allowedActions.length > 0 && (
            <Space wrap data-testid="dispute-actions">
              {ORDER.filter((a) => d.allowedActions.includes(a)).map((a) => (
                <Button
                  key={a}
                  type={PRIMARY.includes(a) ? 'primary' : 'default'}
                  danger={DANGER.includes(a)}
                  onClick={() => setStep(a)}
                  data-testid={`dispute-${a}`}
                >
                  {t(`sharing.disputes.actions.${a}`)}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </Card>
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
      {d.decision && (
        <Alert
          type={d.status === 'closed' ? 'error' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="dispute-outcome"
          title={t(`sharing.disputes.statuses.${d.status}`)}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap' }}>{d.decision}</div>
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
      <Row gutter={16}>
        <Col xs={24} lg={15}>
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
                  <div style={{ color: '#64748b', fontSize: 12 }} data-testid="dispute-deadline-article">
                    {d.deadline.article}
                  </div>
                )}
                {d.deadlineNote && <div style={{ color: '#64748b', fontSize: 12 }}>{d.deadlineNote}</div>}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('sharing.case.timeline')}>
            <CaseTimeline events={d.timeline} />
          </Card>
        </Col>
      </Row>
      <DisputeStepModal
        dispute={d}
        step={step}
        onClose={() => setStep(undefined)}
        onDone={(next) => {
          setStep(undefined);
          setUpdated(next);
        }}
      />
    </>
  );
}
