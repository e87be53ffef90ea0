import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { KnownPath, PathFor, ResponseOf } from '../../api/contract.ts';
import type { CaseEvent } from '../../api/sharing.ts';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { CaseTimeline } from '../sharing/shared.tsx';
import { type StepField, StepModal } from '../sharing/step-modal.tsx';

/** The `id` of a case answer (the path's answer type is generic here, so it is read, not named). */
function idOf(answer: unknown): unknown {
  return typeof answer === 'object' && answer !== null && 'id' in answer ? answer.id : undefined;
}

/**
 * A case as the reader has it: loaded from its URL, then replaced by what each step answers (a
 * step returns the case as it stands after it). `fallback` is what to show until it is there: a
 * 404, an error with a retry, or a skeleton.
 */
export function useCase<P extends PathFor<'GET'> & KnownPath<P, 'GET'>>(path: P, id: string) {
  const loaded = useApi(path);
  const [updated, setUpdated] = useState<ResponseOf<P>>();
  // An if, not a conditional expression: TypeScript reduces `a ? x : y` of these generic answers to
  // `undefined` (it takes the generic answer for a subtype of it).
  let item = loaded.data;
  if (idOf(updated) === id) item = updated;
  const fallback: ReactNode =
    loaded.error?.status === 404 ? (
      <Result status="404" title="404" subTitle={loaded.error.message} />
    ) : item ? null : (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
  return { item, fallback, setUpdated };
}

/** A step button on the case's header. */
export interface CaseStepButton {
  action: string;
  label: string;
  primary?: boolean;
  danger?: boolean;
  icon?: ReactNode;
  testId: string;
}

/** The dialog of the step being taken: its inputs and what it sends. */
export interface CaseStepDialog {
  title: string;
  /** What taking the step means, above its inputs (the article it follows, what happens next). */
  intro?: ReactNode;
  fields: StepField[];
  danger?: boolean;
  doneMessage: string;
  submit(values: Record<string, string | undefined>): Promise<void>;
}

/**
 * The one layout of every case page: back link; a header with the case's number, state and
 * title, a line of who and when, and the steps open to the reader; what the case type shows
 * between header and body (a decision, an answer); the case's own fields on the left and its
 * timeline on the right (stacked on a phone); and the step dialog.
 */
export function CaseFrame({
  number,
  numberTestId = 'case-number',
  status,
  title,
  titleTestId,
  meta,
  extraActions,
  steps,
  stepsTestId = 'case-actions',
  dialog,
  onStep,
  onCloseStep,
  banner,
  timeline,
  timelineLabels,
  children,
  testId,
}: {
  number: string;
  numberTestId?: string;
  status: ReactNode;
  title: ReactNode;
  titleTestId?: string;
  meta?: ReactNode;
  /** What the reader can start from this case beside its own steps (a complaint, a negotiation). */
  extraActions?: ReactNode;
  steps: CaseStepButton[];
  stepsTestId?: string;
  /**
   * The open step's dialog, or undefined while no step is being taken; or, for steps that need
   * more than words and choices (items to decide on), the case type's own dialog element.
   */
  dialog: CaseStepDialog | ReactNode | undefined;
  onStep(action: string): void;
  onCloseStep(): void;
  banner?: ReactNode;
  timeline: CaseEvent[];
  timelineLabels?: Record<string, string>;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid={testId}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
        onClick={() => navigate(-1)}
      >
        {t('cases.back')}
      </Button>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div className="gs-case-head">
          <div>
            <Space size={8} wrap>
              <Typography.Text code data-testid={numberTestId}>
                {number}
              </Typography.Text>
              {status}
            </Space>
            <h1 data-testid={titleTestId}>{title}</h1>
            {meta && (
              <Space size={16} wrap style={{ color: '#475569' }}>
                {meta}
              </Space>
            )}
          </div>
          {extraActions}
          {steps.length > 0 && (
            <Space wrap data-testid={stepsTestId}>
              {steps.map((s) => (
                <Button
                  key={s.action}
                  icon={s.icon}
                  type={s.primary ? 'primary' : 'default'}
                  danger={s.danger ?? false}
                  onClick={() => onStep(s.action)}
                  data-testid={s.testId}
                >
                  {s.label}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </Card>
      {banner}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          {children}
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('cases.timeline')}>
            <CaseTimeline events={timeline} {...(timelineLabels ? { labels: timelineLabels } : {})} />
          </Card>
        </Col>
      </Row>
      {isStepDialog(dialog) || dialog === undefined ? (
        <StepModal
          open={!!dialog}
          title={dialog?.title}
          intro={dialog?.intro}
          danger={dialog?.danger ?? false}
          fields={dialog?.fields ?? []}
          doneMessage={dialog?.doneMessage ?? ''}
          onClose={onCloseStep}
          onSubmit={async (values) => {
            await dialog?.submit(values);
          }}
        />
      ) : (
        dialog
      )}
    </div>
  );
}

const isStepDialog = (dialog: unknown): dialog is CaseStepDialog =>
  typeof dialog === 'object' && dialog !== null && 'submit' in dialog && 'fields' in dialog;
