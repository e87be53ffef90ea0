import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { REPORTS_PATH, type ReportSummary, type ReportView, reportsApi } from '../../../api/evaluations.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { NotFoundPage } from '../../not-found.tsx';
import { figureText, labelOf, periodText } from './shared.tsx';
import '../../../lib/document-sheet.css';
import './evaluations.css';

const STATE_COLOR: Record<ReportView['state'], string> = {
  open: 'gold',
  submitted: 'blue',
  accepted: 'green',
  returned: 'volcano',
};

/**
 * 部门报告 (issue 17, R112) at `/supervision/reports`: a department fills and submits its reports;
 * the authority opens a period's reports and reviews them; each prints on A4 (`:id/print`).
 */
export function DepartmentReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path=":id" element={<ReportPage />} />
      <Route path=":id/print" element={<ReportPage print />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ReportList() {
  const { t } = useTranslation();
  const { can } = useSession();
  const list = useApi(REPORTS_PATH);
  const scheme = useApi(`${REPORTS_PATH}/scheme`);
  const [opening, setOpening] = useState(false);
  const s = scheme.data?.scheme;
  return (
    <>
      <PageHeader
        title={t('evaluations.reports.title')}
        subtitle={t('evaluations.reports.subtitle')}
        onRefresh={list.reload}
        action={
          can('supervision.report.review') &&
          !!s && {
            label: t('evaluations.reports.openPeriod'),
            onClick: () => setOpening(true),
            testId: 'reports-open',
          }
        }
      />
      <ErrorAlert error={list.error ?? scheme.error} onRetry={list.reload} />
      {scheme.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            s
              ? t('evaluations.reports.schemeText', {
                  cadence: t(`evaluations.reports.cadence.${s.cadence}`),
                  basis: `${s.basis.article ?? ''} ${s.basis.text}`,
                })
              : t('evaluations.reports.noScheme')
          }
        />
      )}
      <Table<ReportSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={false}
        data-testid="reports-table"
        locale={{ emptyText: <Empty description={t('evaluations.reports.empty')} /> }}
        columns={[
          {
            title: t('evaluations.reports.department'),
            key: 'department',
            render: (_, r) => <Link to={`/supervision/reports/${r.id}`}>{r.department.name}</Link>,
          },
          {
            title: t('evaluations.reports.period'),
            key: 'period',
            render: (_, r) => periodText(t, r.period),
          },
          { title: t('evaluations.reports.due'), dataIndex: 'due', key: 'due' },
          {
            title: t('evaluations.fields.state'),
            key: 'state',
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STATE_COLOR[r.state]}>{t(`evaluations.reports.state.${r.state}`)}</Tag>
                {r.overdue && <Tag color="red">{t('evaluations.reports.overdue')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {opening && s && (
        <OpenModal
          periods={s.periods.map((p) => p.period)}
          onClose={() => setOpening(false)}
          onDone={() => {
            setOpening(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}

function OpenModal({ periods, onClose, onDone }: { periods: string[]; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ period: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { period } = await form.validateFields();
    setBusy(true);
    try {
      const { opened } = await reportsApi.open(period);
      void message.success(t('evaluations.reports.opened', { count: opened }));
      onDone();
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('evaluations.reports.openTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('evaluations.reports.openPeriod')}
      cancelText={t('evaluations.cancel')}
      okButtonProps={buttonTestId('reports-open-ok')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="period"
          label={t('evaluations.reports.period')}
          rules={[{ required: true, message: t('evaluations.periodRequired') }]}
        >
          <Select
            data-testid="reports-period"
            options={periods.map((p) => ({ value: p, label: periodText(t, p) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Sections {
  work: string;
  problems: string;
  plans: string;
}

function ReportPage({ print = false }: { print?: boolean }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const loaded = useApi(`${REPORTS_PATH}/${id}`);
  const [current, setCurrent] = useState<ReportView>();
  const [form] = Form.useForm<Sections>();
  const [busy, setBusy] = useState<string>();
  const [returning, setReturning] = useState(false);
  const r = current?.id === id ? current : loaded.data;
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!r) return <Spin />;
  const fills =
    !print &&
    can('supervision.report.fill') &&
    me?.department.id === r.department.id &&
    (r.state === 'open' || r.state === 'returned');
  const reviews = !print && can('supervision.report.review') && r.state === 'submitted';
  const act = async (name: string, call: () => Promise<ReportView>) => {
    setBusy(name);
    try {
      const next = await call();
      setCurrent(next);
      form.setFieldsValue({ work: next.work, problems: next.problems, plans: next.plans });
      void message.success(t(`evaluations.action.${name as 'save'}`));
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(undefined);
    }
  };
  const sections = (['work', 'problems', 'plans'] as const).map((k) => (
    <section key={k}>
      <h2>{t(`evaluations.reports.${k}`)}</h2>
      <p className="gs-eval-suggestion">{r[k] || '—'}</p>
    </section>
  ));
  const figures = (
    <div className="gs-eval-table-wrap">
      <table data-testid="report-figures">
        <thead>
          <tr>
            <th>{t('evaluations.reports.indicator')}</th>
            <th>{t('evaluations.reports.value')}</th>
          </tr>
        </thead>
        <tbody>
          {r.figures.map((f) => (
            <tr key={f.indicator}>
              <td>{labelOf(i18n.language, f.label)}</td>
              <td>{figureText(t, f.unit, f.value, f.numerator, f.denominator)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  const title = t('evaluations.reports.printTitle', {
    department: r.department.name,
    period: periodText(t, r.period),
  });
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 16 }} wrap>
        <Link to="/supervision/reports">{t('evaluations.reports.back')}</Link>
        {print ? (
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="report-print"
          >
            {t('evaluations.reports.print')}
          </Button>
        ) : (
          <Link to={`/supervision/reports/${r.id}/print`}>
            <Button icon={<PrinterOutlined />}>{t('evaluations.printPage')}</Button>
          </Link>
        )}
        <Tag color={STATE_COLOR[r.state]} data-testid="report-state">
          {t(`evaluations.reports.state.${r.state}`)}
        </Tag>
        {r.overdue && <Tag color="red">{t('evaluations.reports.overdue')}</Tag>}
      </Space>
      {r.reviewComment && (
        <Alert
          className="gs-no-print"
          type={r.state === 'returned' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('evaluations.reports.reviewComment', { comment: r.reviewComment })}
        />
      )}
      <article className="gs-sheet gs-eval-sheet" data-testid="report-sheet">
        <h1>{title}</h1>
        <div className="gs-sheet-number">
          {`${r.from} — ${r.to} · ${t('evaluations.reports.due')} ${r.due} · ${r.basis.article ?? ''}`}
        </div>
        <section>
          <h2>{t('evaluations.reports.figures')}</h2>
          {figures}
        </section>
        {fills ? (
          <Card size="small" className="gs-no-print" style={{ marginTop: 16 }}>
            <Form<Sections>
              form={form}
              layout="vertical"
              initialValues={{ work: r.work, problems: r.problems, plans: r.plans }}
              data-testid="report-form"
            >
              {(['work', 'problems', 'plans'] as const).map((k) => (
                <Form.Item key={k} name={k} label={t(`evaluations.reports.${k}`)} rules={[{ max: 20000 }]}>
                  <Input.TextArea rows={4} data-testid={`report-${k}`} />
                </Form.Item>
              ))}
              <Space wrap>
                <Button
                  loading={busy === 'save'}
                  onClick={() =>
                    void act('save', async () => reportsApi.save(r.id, await form.validateFields()))
                  }
                >
                  {t('evaluations.reports.save')}
                </Button>
                <Button
                  type="primary"
                  loading={busy === 'submit'}
                  data-testid="report-submit"
                  onClick={() =>
                    void act('submit', async () => reportsApi.submit(r.id, await form.validateFields()))
                  }
                >
                  {t('evaluations.reports.submit')}
                </Button>
              </Space>
            </Form>
          </Card>
        ) : (
          sections
        )}
        {reviews && (
          <Space className="gs-no-print" style={{ marginTop: 16 }} wrap>
            <Button
              type="primary"
              loading={busy === 'accept'}
              data-testid="report-accept"
              onClick={() => void act('accept', () => reportsApi.review(r.id, 'accept', ''))}
            >
              {t('evaluations.reports.accept')}
            </Button>
            <Button onClick={() => setReturning(true)} data-testid="report-return">
              {t('evaluations.reports.return')}
            </Button>
          </Space>
        )}
        <div className="gs-eval-footer">
          <Typography.Text type="secondary">{t('evaluations.printedFrom')}</Typography.Text>
        </div>
      </article>
      {returning && (
        <ReturnModal
          onClose={() => setReturning(false)}
          onSubmit={async (comment) => {
            await act('return', () => reportsApi.review(r.id, 'return', comment));
            setReturning(false);
          }}
        />
      )}
    </>
  );
}

function ReturnModal({ onClose, onSubmit }: { onClose(): void; onSubmit(comment: string): Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open
      title={t('evaluations.reports.return')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ comment }) => onSubmit(comment))}
      okText={t('evaluations.reports.return')}
      cancelText={t('evaluations.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('evaluations.reports.comment')}
          rules={[
            { required: true, whitespace: true, message: t('evaluations.reports.commentRequired') },
            { max: 5000 },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
