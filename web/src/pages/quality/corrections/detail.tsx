import { FileTextOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  CORRECTION_STEP_ORDER,
  type Correction,
  type CorrectionAction,
  qualityApi,
} from '../../../api/quality.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { CaseFrame, useCase } from '../../cases/case-frame.tsx';
import type { StepField } from '../../sharing/step-modal.tsx';
import { CorrectModal } from './correct-modal.tsx';
import { DueCell, isOpen, keyText, StatusTag } from './shared.tsx';

const DANGER: CorrectionAction[] = ['reject', 'withdraw'];
const PRIMARY: CorrectionAction[] = ['correct', 'forward', 'resolve'];

type RecordRow = Correction['records'][number] & { n: number };

/** A label the server gives in both languages, in the portal's. */
const pick = (lang: string, label: { zh: string; en: string }) =>
  lang.startsWith('zh') ? label.zh : label.en;

/**
 * One verification request: what was asked (records or the whole resource, attachments), the
 * period and its article, the outcome, the timeline, and the steps the API allows this reader.
 */
export function CorrectionDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { item: c, fallback, setUpdated } = useCase(`/quality/corrections/${id}`, id);
  const [step, setStep] = useState<CorrectionAction>();
  if (!c) return fallback;
  const label = (a: CorrectionAction) => t(`qualityCorrections.actions.${a}`);
  const fields: StepField[] =
    step === 'reject'
      ? [{ name: 'reason', label: t('qualityCorrections.fields.reason'), required: true }]
      : [{ name: 'note', label: t('qualityCorrections.fields.note') }];
  const intro = step && step !== 'correct' ? t(`qualityCorrections.intros.${step}`) : undefined;
  const closed = !isOpen(c);
  const submitStep = async (body: Record<string, unknown>) => {
    if (!step) return;
    setUpdated(await qualityApi.step(c.id, step, body));
    setStep(undefined);
  };

  return (
    <CaseFrame
      testId="correction-page"
      number={c.number}
      numberTestId="correction-number"
      status={
        <>
          <StatusTag status={c.status} />
          {c.overdue && isOpen(c) && <Tag color="red">{t('qualityCorrections.marks.overdue')}</Tag>}
        </>
      }
      title={c.entry.name}
      meta={
        <>
          <span>
            {t('qualityCorrections.fields.consumer')}：{c.consumer.name}（{c.filedBy.name}）
          </span>
          <span>
            {t('qualityCorrections.fields.provider')}：{c.provider.name}
          </span>
          <span>{formatDateTime(c.createdAt, i18n.language)}</span>
        </>
      }
      extraActions={
        closed && (
          <Link to={`/quality/corrections/${c.id}/reply`}>
            <Button icon={<FileTextOutlined />} data-testid="correction-reply-open">
              {t('qualityCorrections.reply.open')}
            </Button>
          </Link>
        )
      }
      stepsTestId="correction-actions"
      steps={CORRECTION_STEP_ORDER.filter((s) => c.allowedActions.includes(s)).map((s) => ({
        action: s,
        label: label(s),
        primary: PRIMARY.includes(s),
        danger: DANGER.includes(s),
        testId: `correction-${s}`,
      }))}
      onStep={(s) => setStep(s as CorrectionAction)}
      onCloseStep={() => setStep(undefined)}
      dialog={
        step === 'correct' ? (
          <CorrectModal
            correction={c}
            onClose={() => setStep(undefined)}
            onDone={(next) => {
              setUpdated(next);
              setStep(undefined);
            }}
          />
        ) : (
          step && {
            title: `${label(step)} · ${c.number}`,
            intro,
            danger: DANGER.includes(step),
            fields,
            doneMessage: t('qualityCorrections.done'),
            submit: async (v) =>
              submitStep(step === 'reject' ? { reason: v.reason ?? '' } : v.note ? { note: v.note } : {}),
          }
        )
      }
      banner={
        c.outcome && (
          <Alert
            type={
              c.outcome.kind === 'rejected' ? 'warning' : c.outcome.kind === 'withdrawn' ? 'info' : 'success'
            }
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="correction-outcome"
            title={pick(i18n.language, c.outcome.label)}
            description={
              <Space orientation="vertical" size={2}>
                {(c.outcome.reason ?? c.outcome.note) && (
                  <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {c.outcome.reason ?? c.outcome.note}
                  </span>
                )}
                {c.outcome.itemsChanged.length > 0 && (
                  <span>
                    {t('qualityCorrections.fields.itemsChanged')}：{c.outcome.itemsChanged.join('、')}
                  </span>
                )}
                {c.outcome.kind === 'corrected' && (
                  <span data-testid="correction-readers-noticed">
                    {t('qualityCorrections.fields.readersNoticed')}：{c.outcome.readersNoticed}
                  </span>
                )}
                <span style={{ color: '#64748b' }}>
                  {c.outcome.decidedBy.name} · {formatDateTime(c.outcome.decidedAt, i18n.language)}
                </span>
              </Space>
            }
          />
        )
      }
      timeline={c.timeline}
      timelineLabels={{
        file: t('qualityCorrections.timeline.file'),
        forward: t('qualityCorrections.timeline.forward'),
        resolve: t('qualityCorrections.timeline.resolve'),
        correct: t('qualityCorrections.timeline.correct'),
        confirm: t('qualityCorrections.timeline.confirm'),
        reject: t('qualityCorrections.timeline.reject'),
        withdraw: t('qualityCorrections.timeline.withdraw'),
        overdue: t('qualityCorrections.timeline.overdue'),
        notice: t('qualityCorrections.timeline.notice'),
      }}
    >
      <Card variant="borderless" title={t('qualityCorrections.request')} style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={1} data-testid="correction-request">
          <Descriptions.Item label={t('qualityCorrections.fields.resource')}>
            {c.entry.name}
            <div style={{ color: '#64748b', fontSize: 12 }}>{c.entry.code}</div>
          </Descriptions.Item>
          <Descriptions.Item label={t('qualityCorrections.fields.scope')}>
            <span data-testid="correction-scope">{t(`qualityCorrections.scopes.${c.scope}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('qualityCorrections.fields.description')}>
            <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{c.description}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('qualityCorrections.fields.routing')}>
            {t(`qualityCorrections.channels.${c.routing.channel}`)}
            {c.routing.article && <div style={{ color: '#64748b', fontSize: 12 }}>{c.routing.article}</div>}
          </Descriptions.Item>
          <Descriptions.Item label={t('qualityCorrections.deadline')}>
            <div data-testid="correction-deadline">
              <DueCell c={c} />
            </div>
            {c.deadline && (
              <div style={{ color: '#64748b', fontSize: 12 }}>
                {pick(i18n.language, c.deadline.label)}
                {c.deadline.article ? ` · ${c.deadline.article}` : ''}
              </div>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t('qualityCorrections.records')} style={{ marginBottom: 16 }}>
        {c.scope === 'resource' ? (
          <Alert type="info" showIcon title={t('qualityCorrections.noRecords')} />
        ) : (
          <Table<RecordRow>
            rowKey="n"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            data-testid="correction-records"
            dataSource={c.records.map((r, n) => ({ ...r, n }))}
            columns={[
              {
                title: t('qualityCorrections.fields.key'),
                key: 'key',
                render: (_, r) => <span data-testid="correction-record-key">{keyText(r.key)}</span>,
              },
              {
                title: t('qualityCorrections.fields.items'),
                key: 'items',
                render: (_, r) => (
                  <Space size={[4, 4]} wrap>
                    {r.items.map((i) => (
                      <Tag key={i}>{i}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('qualityCorrections.fields.problem'),
                key: 'problem',
                render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.problem}</span>,
              },
              {
                title: t('qualityCorrections.fields.proposed'),
                key: 'proposed',
                render: (_, r) =>
                  r.proposed
                    ? Object.entries(r.proposed).map(([item, value]) => (
                        <div key={item}>
                          {item}：{value}
                        </div>
                      ))
                    : '—',
              },
            ]}
          />
        )}
      </Card>
      <Card
        variant="borderless"
        title={t('qualityCorrections.fields.attachments')}
        style={{ marginBottom: 16 }}
      >
        {c.attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qualityCorrections.noAttachments')} />
        ) : (
          <Space orientation="vertical" data-testid="correction-attachments">
            {c.attachments.map((a) => (
              <a key={a.id} href={qualityApi.attachmentUrl(c.id, a.id)} download={a.name}>
                <PaperClipOutlined /> {a.name}（{Math.max(1, Math.round(a.size / 1024))} KB）
              </a>
            ))}
          </Space>
        )}
      </Card>
    </CaseFrame>
  );
}
