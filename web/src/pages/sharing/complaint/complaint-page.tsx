import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type ComplaintAction, type ComplaintDetail, sharingApi } from '../../../api/sharing.ts';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { CaseTimeline, DeadlineCell } from '../shared.tsx';
import { type StepField, StepModal } from '../step-modal.tsx';

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
  const navigate = useNavigate();
  const loaded = useApi<ComplaintDetail>(`/sharing/complaints/${id}`);
  const [updated, setUpdated] = useState<ComplaintDetail>();
  const [step, setStep] = useState<ComplaintAction>();
  const c = updated?.id === id ? updated : loaded.data;

  if (loaded.error?.status === 404)
    return <Result status="404" title="404" subTitle={loaded.error.message} />;
  if (!c)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
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
              <Typography.Text code data-testid="complaint-number">
                {c.number}
              </Typography.Text>
              <Tag data-complaint-status={c.status} color={open ? 'processing' : 'default'}>
                {t(`sharing.complaints.statuses.${c.status}`)}
              </Tag>
              {c.overdue && <Tag color="red">{t('sharing.deadline.overdue')}</Tag>}
            </Space>
            <h1>{t(`sharing.complaints.kinds.${c.kind}`)}</h1>
            <Space size={16} wrap style={{ color: '#64748b' }}>
              <span>
                {t('sharing.complaints.fields.complainant')}：{c.complainant.name}（{c.filedBy.name}）
              </span>
              <span>
                {t('sharing.complaints.fields.respondent')}：{c.respondent.name}
              </span>
              <span>{formatDateTime(c.createdAt, i18n.language)}</span>
            </Space>
          </div>
          {c.allowedActions.length > 0 && (
            <Space wrap data-testid="complaint-actions">
              {ORDER.filter((s) => c.allowedActions.includes(s)).map((s) => (
                <Button
                  key={s}
                  type={s === 'answer' || s === 'investigate' ? 'primary' : 'default'}
                  danger={s === 'withdraw'}
                  onClick={() => setStep(s)}
                  data-testid={`complaint-${s}`}
                >
                  {t(`sharing.complaints.actions.${s}`)}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </Card>
      {c.reply && (
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
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
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
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('sharing.case.timeline')}>
            <CaseTimeline events={c.timeline} labels={{ file: t('sharing.complaints.filedEvent') }} />
          </Card>
        </Col>
      </Row>
      <StepModal
        open={!!step}
        title={step && `${t(`sharing.complaints.actions.${step}`)} · ${c.number}`}
        danger={step === 'withdraw'}
        fields={fields}
        doneMessage={t('sharing.complaints.done')}
        onClose={() => setStep(undefined)}
        onSubmit={async (v) => {
          if (!step) return;
          const body =
            step === 'answer' ? { outcome: v.outcome, reply: v.reply ?? '' } : v.note ? { note: v.note } : {};
          setUpdated(await sharingApi.complaintStep(c.id, step, body));
          setStep(undefined);
        }}
      />
    </>
  );
}
