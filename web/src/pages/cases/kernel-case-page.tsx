import { Card, Descriptions, Result, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import {
  type CaseTypeDescription,
  casePath,
  casesApi,
  isKernelCase,
  type KernelCase,
} from '../../api/cases.ts';
import { isEnglish } from '../../i18n/index.ts';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { DeadlineCell } from '../sharing/shared.tsx';
import { CaseFrame, useCase } from './case-frame.tsx';

type Label = { zh: string; en: string };

const isLabel = (value: unknown): value is Label =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Label).zh === 'string' &&
  typeof (value as Label).en === 'string';

/** The value at a dotted key of the case (`entry.name`), as text; a label in the reader's language. */
function valueAt(item: KernelCase, key: string, english: boolean): string {
  let value: unknown = item;
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (value === null || value === undefined || value === '') return '—';
  if (isLabel(value)) return english ? value.en : value.zh;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A case of any declared type, shown from its type's description alone (`/api/v1/cases/types`):
 * number and state, its deadline where it has one, the summary fields its type names, the
 * timeline, and a button per step open to the reader, each confirmed in a dialog that asks for
 * exactly the inputs the step's route takes. A new case type needs no page of its own.
 */
export function KernelCasePage({ type: fixedType }: { type?: string }) {
  const params = useParams();
  const type = fixedType ?? params.type ?? '';
  const types = useApi('/cases/types');
  const description = types.data?.items.find((d) => d.type === type);
  if (types.data && !description) return <UnknownType type={type} />;
  if (!description)
    return (
      <>
        <ErrorAlert error={types.error} onRetry={types.reload} />
        <Skeleton active />
      </>
    );
  return <CaseOfType description={description} id={params.id ?? ''} />;
}

function UnknownType({ type }: { type: string }) {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('cases.unknownType', { type })} />;
}

function CaseOfType({ description, id }: { description: CaseTypeDescription; id: string }) {
  const { t, i18n } = useTranslation();
  const say = (label: Label | undefined, fallback: string) =>
    label ? (isEnglish(i18n.language) ? label.en : label.zh) : fallback;
  const { item: answer, fallback, setUpdated } = useCase(casePath(description, encodeURIComponent(id)), id);
  const item = isKernelCase(answer) ? answer : undefined;
  const [step, setStep] = useState<string>();
  if (!item) return fallback;
  const open = Object.values(description.actions).some((a) => a.from.includes(item.status));
  // The declared period: its countdown runs only in the states it names.
  const deadline = description.deadlines[0];
  const steps = Object.entries(description.actions).filter(([action]) =>
    item.allowedActions.includes(action),
  );
  const current = step ? description.actions[step] : undefined;
  const rules = item.rules;

  return (
    <CaseFrame
      testId="kernel-case"
      number={item.number}
      status={
        <>
          <Tag color={open ? 'processing' : 'default'} data-testid="case-status" data-status={item.status}>
            {say(description.statuses[item.status], item.status)}
          </Tag>
          {!open && <Tag>{t('cases.final')}</Tag>}
        </>
      }
      title={
        description.summary[0]
          ? valueAt(item, description.summary[0].key, isEnglish(i18n.language))
          : item.number
      }
      steps={steps.map(([action, spec], index) => ({
        action,
        label: say(spec.label, action),
        primary: index === 0 && !spec.danger,
        danger: spec.danger,
        testId: `case-step-${action}`,
      }))}
      onStep={setStep}
      onCloseStep={() => setStep(undefined)}
      dialog={
        current && step
          ? {
              title: `${say(current.label, step)} · ${item.number}`,
              danger: current.danger,
              fields: current.fields.map((f) => ({
                name: f.name,
                label: say(f.label, f.name),
                required: f.required,
                ...(f.choices
                  ? { choices: f.choices.map((c) => ({ value: c.value, label: say(c.label, c.value) })) }
                  : {}),
              })),
              doneMessage: t('cases.stepDone'),
              submit: async (values) => {
                // A choice among numbers (a period in working days) goes to the route as a number.
                const numeric = new Set(current.fields.filter((f) => f.numeric).map((f) => f.name));
                const body = Object.fromEntries(
                  Object.entries(values)
                    .filter(([, v]) => v !== undefined)
                    .map(([name, v]) => [name, numeric.has(name) ? Number(v) : v]),
                );
                setUpdated(await casesApi.step(description, item.id, step, body));
                setStep(undefined);
              },
            }
          : undefined
      }
      timeline={item.timeline}
      timelineLabels={Object.fromEntries(Object.entries(description.events).map(([k, v]) => [k, say(v, k)]))}
    >
      <Card variant="borderless" title={t('cases.summary')} style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={1} data-testid="case-summary">
          {description.summary.map((field) => (
            <Descriptions.Item key={field.key} label={say(field.label, field.key)}>
              <span style={{ whiteSpace: 'pre-wrap' }}>
                {valueAt(item, field.key, isEnglish(i18n.language))}
              </span>
            </Descriptions.Item>
          ))}
          {rules && (
            <Descriptions.Item label={t('cases.rules')}>
              <span data-testid="case-rules">
                {say(rules.name, rules.id)}
                {!rules.current && (
                  <Tag color="orange" style={{ marginInlineStart: 8, whiteSpace: 'normal' }}>
                    {t('cases.rulesOther')}
                  </Tag>
                )}
                {rules.recordedAt === null && (
                  <Tag style={{ marginInlineStart: 8, whiteSpace: 'normal' }}>
                    {t('cases.rulesUnrecorded')}
                  </Tag>
                )}
              </span>
            </Descriptions.Item>
          )}
          {item.deadline !== undefined && (
            <Descriptions.Item label={deadline ? say(deadline.label, 'deadline') : t('cases.deadline')}>
              <DeadlineCell
                deadline={item.deadline ?? null}
                overdue={false}
                open={deadline ? deadline.runsIn.includes(item.status) : open}
                noPeriod={item.deadline === null}
                late={false}
              />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
