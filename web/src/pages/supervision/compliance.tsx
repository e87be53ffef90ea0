import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { type ApiError, api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SealedDocument } from '../../lib/sealed-document.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { useMe, useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { figureText, labelOf } from './evaluations/shared.tsx';
import '../../lib/document-sheet.css';

const PATH = '/supervision/compliance-reports';
type ComplianceReport = ResponseOf<`${typeof PATH}/${string}`>;
type Listed = ResponseOf<typeof PATH>['items'][number];
type Verified = ResponseOf<`${typeof PATH}/verify`>;

/**
 * 共享合规报告 (R116) at `/supervision/compliance`: a department's sharing figures and open
 * violations over a period, issued for an IT project or O&M funding request and sealed by a
 * digest; one report, printable, at `:id`; any signed-in user checks one by number and digest.
 */
export function CompliancePage() {
  return (
    <Routes>
      <Route index element={<ComplianceList />} />
      <Route path=":id" element={<ComplianceSheet />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ComplianceList() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  // Every signed-in user verifies a report; only those who may read reports see the list.
  const reads = can('supervision.compliance.read');
  const list = useApi(reads ? PATH : null);
  const [issuing, setIssuing] = useState(false);
  return (
    <>
      <PageHeader
        title={t('evaluations.compliance.title')}
        subtitle={t('evaluations.compliance.subtitle')}
        onRefresh={reads ? list.reload : undefined}
        action={
          can('supervision.compliance.issue') && {
            label: t('evaluations.compliance.issue'),
            onClick: () => setIssuing(true),
            testId: 'compliance-issue',
            icon: <SafetyCertificateOutlined />,
          }
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {reads && (
          <Table<Listed>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 760 }}
            data-testid="compliance-table"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <Empty description={t('evaluations.compliance.empty')} /> }}
            columns={[
              {
                title: t('evaluations.compliance.number'),
                key: 'number',
                width: 160,
                render: (_, r) => (
                  <Link to={`/supervision/compliance/${r.id}`} data-testid={`compliance-link-${r.number}`}>
                    {r.number}
                  </Link>
                ),
              },
              {
                title: t('evaluations.compliance.department'),
                key: 'dep',
                render: (_, r) => r.department.name,
              },
              {
                title: t('evaluations.compliance.project'),
                key: 'project',
                render: (_, r) => r.project ?? '—',
              },
              {
                title: t('evaluations.compliance.period'),
                key: 'period',
                render: (_, r) => `${r.period.from} — ${r.period.to}`,
              },
              {
                title: t('evaluations.compliance.issuedAt'),
                key: 'issued',
                render: (_, r) => formatDateTime(r.issuedAt, i18n.language),
              },
            ]}
          />
        )}
        <VerifyCard />
      </Space>
      {issuing && (
        <IssueModal
          onClose={() => setIssuing(false)}
          onIssued={(r) => {
            setIssuing(false);
            navigate(`/supervision/compliance/${r.id}`);
          }}
        />
      )}
    </>
  );
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (r: ComplianceReport) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reach } = useSession();
  const me = useMe();
  // The authority issues for any department of its jurisdiction; an administrator for its own.
  const wide = reach('supervision.compliance.issue') !== 'department';
  const [form] = Form.useForm<{ departmentId: string; range: [Dayjs, Dayjs]; project?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const report = await api(PATH, {
        method: 'POST',
        body: {
          departmentId: wide ? values.departmentId : me.department.id,
          from: values.range[0].format('YYYY-MM-DD'),
          to: values.range[1].format('YYYY-MM-DD'),
          ...(values.project?.trim() ? { project: values.project.trim() } : {}),
        },
      });
      message.success(t('evaluations.compliance.issued', { number: report.number }));
      onIssued(report);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('evaluations.compliance.issueTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('evaluations.compliance.issue')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={buttonTestId('compliance-issue-ok')}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('evaluations.compliance.issueHint')}
      />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ departmentId: me.department.id }}>
        {wide ? (
          <Form.Item
            name="departmentId"
            label={t('evaluations.compliance.department')}
            rules={[{ required: true, message: t('evaluations.compliance.departmentRequired') }]}
          >
            <DepartmentSelect data-testid="compliance-department" />
          </Form.Item>
        ) : (
          <Form.Item label={t('evaluations.compliance.department')}>{me.department.name}</Form.Item>
        )}
        <Form.Item
          name="range"
          label={t('evaluations.compliance.period')}
          rules={[{ required: true, message: t('evaluations.compliance.periodRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="project" label={t('evaluations.compliance.project')}>
          <Input
            maxLength={200}
            placeholder={t('evaluations.compliance.projectHint')}
            data-testid="compliance-project"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Checks a report by number and digest: what a reviewing department does with the paper it was given. */
function VerifyCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ number: string; digest: string }>();
  const [result, setResult] = useState<Verified>();
  const [error, setError] = useState<ApiError>();
  const verify = async () => {
    const v = await form.validateFields();
    setError(undefined);
    try {
      setResult(await api(`${PATH}/verify`, { query: { number: v.number.trim(), digest: v.digest.trim() } }));
    } catch (e) {
      setResult(undefined);
      setError(e as ApiError);
    }
  };
  return (
    <Card size="small" title={t('evaluations.compliance.verifyTitle')}>
      <Form form={form} layout="vertical" onFinish={verify}>
        <Form.Item
          name="number"
          label={t('evaluations.compliance.number')}
          rules={[
            {
              required: true,
              pattern: /^\s*[A-Z]{2}-\d{4}-\d{6}\s*$/,
              message: t('evaluations.compliance.numberHint'),
            },
          ]}
        >
          <Input placeholder="HG-2026-000001" data-testid="compliance-verify-number" />
        </Form.Item>
        <Form.Item
          name="digest"
          label={t('evaluations.compliance.digest')}
          rules={[
            {
              required: true,
              pattern: /^\s*[0-9a-fA-F]{64}\s*$/,
              message: t('evaluations.compliance.digestHint'),
            },
          ]}
        >
          <Input data-testid="compliance-verify-digest" />
        </Form.Item>
        <Button htmlType="submit" {...buttonTestId('compliance-verify')}>
          {t('evaluations.compliance.verify')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          data-testid="compliance-verify-result"
          type={result.valid ? 'success' : 'error'}
          showIcon
          title={result.valid ? t('evaluations.compliance.valid') : t('evaluations.compliance.invalid')}
          description={
            result.valid
              ? t('evaluations.compliance.validText', {
                  department: result.department,
                  project: result.project ?? '—',
                  from: result.period?.from,
                  to: result.period?.to,
                })
              : undefined
          }
        />
      )}
    </Card>
  );
}

const STATUS_COLOR: Record<string, string> = { open: 'orange', ordered: 'volcano', rectified: 'blue' };

/** One report as an A4 document: its figures, the open violations, its basis and its digest. */
function ComplianceSheet() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const report = useApi(`${PATH}/${encodeURIComponent(id)}`);
  return (
    <SealedDocument
      loaded={report}
      back={{ to: '/supervision/compliance', label: t('evaluations.compliance.back') }}
      print={{ label: t('evaluations.compliance.print'), testId: 'compliance-print' }}
      tampered={t('evaluations.compliance.tampered')}
    >
      {(r) => (
        <article className="gs-sheet" data-testid="compliance-sheet">
          <h1>{t('evaluations.compliance.sheetTitle')}</h1>
          <div className="gs-sheet-number">{r.number}</div>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('evaluations.compliance.department')}>
              {r.department.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.compliance.project')}>
              {r.project ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.compliance.period')}>
              {r.period.from} — {r.period.to}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.compliance.basis')}>
              {r.basis.text ? `${r.basis.text}` : t('evaluations.compliance.noBasis')}
            </Descriptions.Item>
          </Descriptions>
          <h2>{t('evaluations.compliance.figures')}</h2>
          <table data-testid="compliance-figures">
            <tbody>
              {r.figures.map((f) => (
                <tr key={f.indicator}>
                  <th>{labelOf(i18n.language, f.label)}</th>
                  <td>{figureText(t, f.unit, f.value, f.numerator, f.denominator)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('evaluations.compliance.violations')}</h2>
          {r.violations.length === 0 ? (
            <p data-testid="compliance-no-violations">{t('evaluations.compliance.noViolations')}</p>
          ) : (
            <table data-testid="compliance-violations">
              <tbody>
                {r.violations.map((v) => (
                  <tr key={v.number}>
                    <th>{v.number}</th>
                    <td>
                      {v.category}（{v.article}）{' '}
                      <Tag color={STATUS_COLOR[v.status] ?? 'default'}>
                        {t(`evaluations.compliance.status.${v.status}`, { defaultValue: v.status })}
                      </Tag>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p style={{ textAlign: 'right', marginTop: 32 }}>
            {r.issuedBy}
            <br />
            {formatDateTime(r.issuedAt, i18n.language)}
          </p>
          <div
            style={{ fontSize: 12, color: '#475569', wordBreak: 'break-all' }}
            data-testid="compliance-digest"
          >
            {t('evaluations.compliance.digest')}：<code>{r.digest}</code>{' '}
            <Tag color={r.intact ? 'green' : 'red'}>
              {r.intact ? t('evaluations.compliance.intact') : t('evaluations.compliance.tampered')}
            </Tag>
          </div>
        </article>
      )}
    </SealedDocument>
  );
}
