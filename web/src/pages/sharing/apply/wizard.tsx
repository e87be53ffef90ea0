import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Skeleton, Space, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type AgreementDetail, type ApplicationDetail, sharingApi } from '../../../api/sharing.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { ItemsStep, PurposeStep, ReviewStep, TermsStep } from './steps.tsx';
import { type ApplyForm, toAgreement, toInput } from './terms.ts';

const STEPS = ['items', 'purpose', 'terms', 'review'] as const;
/** The fields each step validates before the next. */
const STEP_FIELDS: Record<(typeof STEPS)[number], (keyof ApplyForm)[]> = {
  items: ['items'],
  purpose: ['purpose', 'purposeText', 'legalDuty', 'scenario'],
  terms: ['scopeKind', 'filters', 'methods', 'validFrom', 'validUntil', 'frequency', 'terms'],
  review: [],
};

/**
 * 申请使用: from a published resource of another department, choose the items, state the purpose
 * and the duty, the scope, methods and validity, review, submit (R31, R57). A request the
 * jurisdiction grants at once says so; otherwise the reply deadline is shown.
 */
export function ApplyWizard() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const entryId = params.get('entry') ?? '';
  // `mode=agreement`: the same steps propose an agreement (协议共享, R35) instead of an application.
  const agreement = params.get('mode') === 'agreement';
  const loaded = useApi(entryId ? `/catalog/entries/${entryId}` : null);
  const [form] = Form.useForm<ApplyForm>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ApplicationDetail>();
  const [proposed, setProposed] = useState<AgreementDetail>();
  const showError = useShowError();
  const { message } = App.useApp();

  if (!entryId) return <Result status="info" title={t('sharing.apply.noEntry')} />;
  const entry = loaded.data;
  if (!entry)
    return (
      <>
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Skeleton active />
      </>
    );
  const content = entry.publishedContent ?? entry.content;
  const current = STEPS[step] ?? 'review';

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[current]);
      setStep((s) => s + 1);
    } catch {
      // the messages stand under the fields
    }
  };

  const submit = async () => {
    setBusy(true);
    try {
      const values = form.getFieldsValue(true) as ApplyForm;
      if (agreement) {
        setProposed(await sharingApi.proposeAgreement(toAgreement(entry.id, values)));
        void message.success(t('sharing.apply.agreementProposed'));
        return;
      }
      const created = await sharingApi.apply(toInput(entry.id, values));
      setDone(created);
      void message.success(
        created.status === 'endorsing'
          ? t('sharing.apply.submittedEndorsing')
          : created.path === 'direct'
            ? t('sharing.apply.grantedAtOnce')
            : t('sharing.apply.submitted'),
      );
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Link to={`/catalog/entries/${entry.id}`} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('sharing.apply.backToEntry')}
      </Link>
      <PageHeader
        title={`${agreement ? t('sharing.apply.agreementTitle') : t('sharing.apply.title')}：${content.name}`}
        subtitle={`${entry.code} · ${t('sharing.fields.provider')}：${entry.provider.name}`}
      />
      {proposed ? (
        <Card variant="borderless">
          <Result
            status="info"
            data-testid="agreement-proposed"
            title={t('sharing.apply.agreementProposed')}
            subTitle={`${proposed.number} · ${t('sharing.apply.agreementHint')}`}
            extra={
              <Link to={`/sharing/agreements/${proposed.id}`} data-testid="open-agreement">
                <Button type="primary">{t('sharing.apply.openAgreement')}</Button>
              </Link>
            }
          />
        </Card>
      ) : done ? (
        <Card variant="borderless">
          <Submitted application={done} />
        </Card>
      ) : (
        <Card variant="borderless" data-testid="apply-wizard">
          <Steps
            current={step}
            style={{ marginBottom: 24 }}
            items={STEPS.map((s) => ({ title: t(`sharing.apply.steps.${s}`) }))}
          />
          <Form<ApplyForm>
            form={form}
            layout="vertical"
            initialValues={{ items: [], scopeKind: 'all', methods: [] }}
            style={{ maxWidth: 880 }}
          >
            <div hidden={current !== 'items'}>
              <ItemsStep content={content} />
            </div>
            <div hidden={current !== 'purpose'}>
              <PurposeStep agreement={agreement} />
            </div>
            <div hidden={current !== 'terms'}>
              <TermsStep content={content} agreement={agreement} />
            </div>
            {current === 'review' && <ReviewStep form={form} content={content} agreement={agreement} />}
          </Form>
          <Space style={{ marginTop: 16 }}>
            {step > 0 && (
              <Button onClick={() => setStep((s) => s - 1)} data-testid="apply-prev">
                {t('sharing.apply.prev')}
              </Button>
            )}
            {current !== 'review' ? (
              <Button type="primary" onClick={next} data-testid="apply-next">
                {t('sharing.apply.next')}
              </Button>
            ) : (
              <Button type="primary" loading={busy} onClick={submit} data-testid="apply-submit">
                {agreement ? t('sharing.apply.submitAgreement') : t('sharing.apply.submit')}
              </Button>
            )}
          </Space>
        </Card>
      )}
    </>
  );
}

function Submitted({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  // 809 第二十条第二款: an application by staff waits for the head's consent before anything else.
  const endorsing = application.status === 'endorsing';
  const direct = application.path === 'direct' && !endorsing;
  return (
    <Result
      status={direct ? 'success' : 'info'}
      data-testid="apply-result"
      data-path={application.path}
      data-status={application.status}
      title={
        endorsing
          ? t('sharing.apply.submittedEndorsing')
          : direct
            ? t('sharing.apply.grantedAtOnce')
            : t('sharing.apply.submitted')
      }
      subTitle={
        <>
          <div>{t('sharing.apply.submittedDetail', { number: application.number })}</div>
          {endorsing && <div>{t('sharing.apply.submittedEndorsingDetail')}</div>}
          {direct && <div>{t('sharing.apply.grantedAtOnceDetail')}</div>}
          {application.deadline && (
            <div data-testid="apply-due">
              {t('sharing.apply.dueBy', {
                date: application.deadline.dueDate,
                article: application.deadline.article ?? '—',
              })}
            </div>
          )}
          {application.deadlineNote && <Alert type="info" title={application.deadlineNote} />}
        </>
      }
      extra={
        <Space>
          <Link to={`/sharing/applications/${application.id}`} data-testid="apply-open-case">
            <Button type="primary">{t('sharing.apply.openCase')}</Button>
          </Link>
          {application.grantId && (
            <Link to={`/sharing/grants/${application.grantId}`}>
              <Button>{t('sharing.apply.openGrant')}</Button>
            </Link>
          )}
        </Space>
      }
    />
  );
}
