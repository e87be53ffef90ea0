import { Alert, Card, Col, DatePicker, Form, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessBreakdown } from '../../api/audit.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useMe, useSession } from '../../session/index.tsx';
import { AccessChart } from './access-chart.tsx';
import { CountTable, type Picked, rangeOf, useMethodLabel } from './shared.tsx';

function Breakdown({ data, testId }: { data: AccessBreakdown; testId: string }) {
  const { t } = useTranslation();
  const methodLabel = useMethodLabel();
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid={testId}>
        <Col span={8}>
          <Statistic title={t('audit.departmentReport.accesses')} value={data.accesses} />
        </Col>
        <Col span={8}>
          <Statistic title={t('audit.departmentReport.records')} value={data.records} />
        </Col>
        <Col span={8}>
          <Statistic title={t('audit.departmentReport.failures')} value={data.failures} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <CountTable title={t('audit.departmentReport.byResource')} counts={data.byResource} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('audit.departmentReport.byMethod')}
            counts={data.byMethod}
            label={(r) => methodLabel(r.key)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable title={t('audit.departmentReport.byPurpose')} counts={data.byPurpose} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable title={t('audit.departmentReport.byDay')} counts={data.byDay} />
        </Col>
      </Row>
    </>
  );
}

/** Who read a department's resources and what it read itself (R88); a department sees its own. */
export function DepartmentReportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { reach } = useSession();
  // A resource administrator's reach is its own department: no choice to offer.
  const ownOnly = reach('audit.departmentReport') === 'department';
  const [departmentId, setDepartmentId] = useState<string | undefined>(me.department.id);
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const report = useApi(
    departmentId ? `/audit/reports/department/${encodeURIComponent(departmentId)}` : null,
    range,
  );
  const data = report.data;

  return (
    <>
      <PageHeader title={t('audit.departmentReport.title')} subtitle={t('audit.departmentReport.subtitle')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('audit.departmentReport.department')}>
            {ownOnly ? (
              <Typography.Text strong>{me.department.name}</Typography.Text>
            ) : (
              <DepartmentSelect
                value={departmentId}
                onChange={setDepartmentId}
                placeholder={t('audit.departmentReport.pick')}
                known={{ value: me.department.id, label: me.department.name }}
                style={{ width: 280 }}
                data-testid="report-department"
              />
            )}
          </Form.Item>
          <Form.Item label={t('audit.departmentReport.range')}>
            <DatePicker.RangePicker
              showTime
              allowEmpty={[true, true]}
              onChange={(values) => setRange(rangeOf(values as [Picked | null, Picked | null] | null))}
            />
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={report.error} onRetry={report.reload} />
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="department-report">
          <Typography.Text type="secondary">
            {data.department.name} · {formatDateTime(data.from, i18n.language)} —{' '}
            {formatDateTime(data.to, i18n.language)}
          </Typography.Text>
          <AccessChart
            testId="department-report-chart"
            lines={[
              {
                name: t('statistics.reports.provided'),
                counts: data.provided.byDay.map((c) => ({ day: c.key ?? '', count: c.count })),
              },
              {
                name: t('statistics.reports.consumed'),
                counts: data.consumed.byDay.map((c) => ({ day: c.key ?? '', count: c.count })),
              },
            ]}
          />
          <Card title={t('audit.departmentReport.provided')} variant="borderless" loading={report.loading}>
            {data.provided.resourceIds.length === 0 && (
              <Alert
                type="info"
                showIcon
                title={t('audit.departmentReport.noResources')}
                style={{ marginBottom: 16 }}
              />
            )}
            <Breakdown data={data.provided} testId="report-provided" />
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('audit.departmentReport.consumers')}
                  counts={data.provided.byConsumer}
                  testId="report-consumers"
                />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('audit.departmentReport.readers')}
                  counts={data.provided.byReader.map((r) => ({
                    key: r.id,
                    name: `${r.name ?? r.id ?? '—'}（${t(`audit.actorKind.${r.kind === 'client' ? 'client' : 'user'}`)}）`,
                    count: r.count,
                  }))}
                />
              </Col>
            </Row>
          </Card>
          <Card title={t('audit.departmentReport.consumed')} variant="borderless" loading={report.loading}>
            <Breakdown data={data.consumed} testId="report-consumed" />
          </Card>
        </Space>
      )}
    </>
  );
}
