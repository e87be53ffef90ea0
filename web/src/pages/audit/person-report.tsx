import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonAccess, PersonReport } from '../../api/audit.ts';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { useShowError } from '../../lib/errors.tsx';
import { chinaDate, formatDateTime } from '../../lib/format.ts';
import { AccessChart } from './access-chart.tsx';
import { CountTable, OutcomeTag, type Picked, rangeOf, useMethodLabel } from './shared.tsx';

interface PersonForm {
  idNumber: string;
  range?: [Picked | null, Picked | null] | null;
}

/** Shows region and last four characters only, as on a printed report. */
const mask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Accesses per China date, in date order. */
function perDay(items: PersonAccess[]): { day: string; count: number }[] {
  const days = new Map<string, number>();
  for (const item of items) {
    const day = chinaDate(new Date(item.at));
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
}

/** Who read one person's records, when, why and for which case (R85). */
export function PersonReportPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<PersonForm>();
  const showError = useShowError();
  const methodLabel = useMethodLabel();
  const [report, setReport] = useState<PersonReport & { person: string }>();
  const [loading, setLoading] = useState(false);

  const submit = async ({ idNumber, range }: PersonForm) => {
    setLoading(true);
    try {
      const person = idNumber.trim().toUpperCase();
      // The number goes in the body of a POST: never into a URL, history or a log line.
      const result = await api('/audit/reports/person', {
        method: 'POST',
        body: { idNumber: person, ...rangeOf(range) },
      });
      setReport({ ...result, person: mask(person) });
    } catch (e) {
      setReport(undefined);
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <PageHeader title={t('audit.personReport.title')} subtitle={t('audit.personReport.subtitle')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form<PersonForm> form={form} layout="inline" onFinish={submit} data-testid="person-form">
          <Form.Item
            name="idNumber"
            label={t('audit.trace.idNumber')}
            rules={[
              { required: true, message: t('audit.trace.idNumberInvalid') },
              { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('audit.trace.idNumberInvalid') },
            ]}
          >
            <Input autoComplete="off" style={{ width: 220 }} data-testid="person-id-number" />
          </Form.Item>
          <Form.Item name="range" label={t('audit.trace.timeRange')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={loading}
              icon={<FileSearchOutlined />}
              data-testid="person-submit"
            >
              {t('audit.personReport.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {report && (
        <Card
          variant="borderless"
          title={t('audit.personReport.masked', { id: report.person })}
          data-testid="person-report"
        >
          {report.truncated && (
            <Alert
              type="warning"
              showIcon
              title={t('audit.personReport.truncated', { count: report.items.length })}
              style={{ marginBottom: 16 }}
            />
          )}
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic
                title={t('audit.personReport.accesses')}
                value={report.accesses}
                valueRender={(node) => <span data-testid="person-accesses">{node}</span>}
              />
            </Col>
            <Col span={18}>
              <CountTable title={t('audit.personReport.departments')} counts={report.byDepartment} />
            </Col>
          </Row>
          <div style={{ marginBottom: 16 }}>
            <AccessChart
              testId="person-report-chart"
              lines={[{ name: t('statistics.reports.accesses'), counts: perDay(report.items) }]}
            />
          </div>
          <Table<PersonAccess>
            rowKey="seq"
            size="middle"
            dataSource={report.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="person-accesses-table"
            locale={{ emptyText: <Empty description={t('audit.personReport.empty')} /> }}
            columns={[
              {
                title: t('audit.field.at'),
                dataIndex: 'at',
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('audit.field.department'),
                key: 'd',
                render: (_: unknown, r) => r.department?.name ?? '—',
              },
              {
                title: t('audit.field.actor'),
                key: 'a',
                render: (_: unknown, r) => r.actor.name ?? r.actor.id ?? '—',
              },
              {
                title: t('audit.field.resource'),
                dataIndex: 'resourceId',
                render: (v: string | null) => v ?? '—',
              },
              { title: t('audit.field.method'), dataIndex: 'method', render: methodLabel },
              {
                title: t('audit.field.purpose'),
                dataIndex: 'purpose',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('audit.field.caseNumber'),
                dataIndex: 'caseNumber',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('audit.field.outcome'),
                dataIndex: 'outcome',
                render: (o: PersonAccess['outcome']) => <OutcomeTag outcome={o} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
