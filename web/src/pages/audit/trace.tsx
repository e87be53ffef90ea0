import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACCESS_METHODS,
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  exportUrl,
  isAuditCategory,
  type TraceEntry,
  type TraceFilter,
} from '../../api/audit.ts';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { OutcomeTag, type Picked, rangeOf, useMethodLabel } from './shared.tsx';

interface FilterForm extends Omit<TraceFilter, 'from' | 'to'> {
  idNumber?: string;
  range?: [Picked | null, Picked | null] | null;
}

const PAGE = 50;

/** Drops empty fields so that neither the URL nor the body carries blanks. */
function filterOf(values: FilterForm): { filter: TraceFilter; idNumber: string | undefined } {
  const { idNumber, range, ...rest } = values;
  const filter = Object.fromEntries(
    Object.entries({ ...rest, ...rangeOf(range) }).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  ) as TraceFilter;
  return { filter, idNumber: idNumber?.trim() || undefined };
}

function EntryDetail({ entry }: { entry: TraceEntry }) {
  const { t } = useTranslation();
  const json = (value: unknown) => (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value)}
    </Typography.Text>
  );
  return (
    <Descriptions size="small" column={2} bordered data-testid={`audit-detail-${entry.seq}`}>
      <Descriptions.Item label={t('audit.field.target')}>
        {entry.target ? `${entry.target.type} ${entry.target.id ?? ''}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.field.grant')}>{entry.grantId ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.field.items')}>{entry.items?.join('、') ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.field.resultCount')}>{entry.resultCount ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.field.requestId')}>{entry.requestId ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.field.clientIp')}>{entry.clientIp ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('audit.field.recordKeys')} span={2}>
        {entry.recordKeys ? json(entry.recordKeys) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.field.detail')} span={2}>
        {json(entry.detail)}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.field.hash')} span={2}>
        <Typography.Text code copyable>
          {entry.hash}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Search the trace by department, resource, actor, purpose, time and a person's ID number (R86). */
export function TraceSearchPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const showError = useShowError();
  const methodLabel = useMethodLabel();
  const [entries, setEntries] = useState<TraceEntry[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [current, setCurrent] = useState<{ filter: TraceFilter; idNumber: string | undefined }>({
    filter: {},
    idNumber: undefined,
  });

  const load = async (query: typeof current, before?: number) => {
    setLoading(true);
    try {
      // An ID number travels only in a POST body, never in a URL or a log line.
      const page = query.idNumber
        ? await api('/audit/entries/search', {
            method: 'POST',
            body: { ...query.filter, idNumber: query.idNumber, limit: PAGE, ...(before ? { before } : {}) },
          })
        : await api('/audit/entries', { query: { ...query.filter, limit: PAGE, before } });
      setEntries((old) => (before ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setCurrent(query);
    } catch (e) {
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  const exportLink = (format: 'csv' | 'xlsx') => (
    <Tooltip title={current.idNumber ? t('audit.trace.exportByIdHint') : undefined}>
      <Button
        icon={<DownloadOutlined />}
        href={current.idNumber ? undefined : exportUrl(format, current.filter)}
        disabled={Boolean(current.idNumber)}
        data-testid={`audit-export-${format}`}
      >
        {format === 'csv' ? t('audit.trace.exportCsv') : t('audit.trace.exportXlsx')}
      </Button>
    </Tooltip>
  );

  return (
    <>
      <PageHeader
        title={t('audit.trace.title')}
        subtitle={t('audit.trace.subtitle')}
        extra={
          <Space>
            {exportLink('csv')}
            {exportLink('xlsx')}
          </Space>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          form={form}
          layout="inline"
          onFinish={(values) => load(filterOf(values))}
          data-testid="audit-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item
            name="idNumber"
            label={t('audit.trace.idNumber')}
            tooltip={t('audit.trace.idNumberHint')}
            rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('audit.trace.idNumberInvalid') }]}
          >
            <Input allowClear autoComplete="off" style={{ width: 210 }} data-testid="audit-id-number" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('audit.field.department')}>
            <DepartmentSelect allowClear style={{ width: 220 }} data-testid="audit-department" />
          </Form.Item>
          <Form.Item name="category" label={t('audit.field.category')}>
            <Select
              allowClear
              style={{ width: 130 }}
              data-testid="audit-category"
              options={AUDIT_CATEGORIES.map((c) => ({ value: c, label: t(`audit.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="method" label={t('audit.field.method')}>
            <Select
              allowClear
              style={{ width: 110 }}
              options={ACCESS_METHODS.map((m) => ({ value: m, label: methodLabel(m) }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.field.outcome')}>
            <Select
              allowClear
              style={{ width: 100 }}
              options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('audit.field.purpose')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="resourceId" label={t('audit.trace.resourceId')}>
            <Input allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="actorId" label={t('audit.trace.actorId')}>
            <Input allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.field.action')}>
            <Input allowClear style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.trace.timeRange')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('audit.trace.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card variant="borderless">
        <Table<TraceEntry>
          rowKey="seq"
          size="middle"
          loading={loading}
          dataSource={entries}
          pagination={false}
          data-testid="audit-results"
          onRow={(row) => ({ 'data-testid': `audit-row-${row.requestId ?? row.seq}` }) as object}
          expandable={{ expandedRowRender: (entry) => <EntryDetail entry={entry} /> }}
          locale={{ emptyText: <Empty description={t('audit.trace.empty')} /> }}
          columns={[
            { title: t('audit.field.seq'), dataIndex: 'seq', width: 80 },
            {
              title: t('audit.field.at'),
              dataIndex: 'at',
              width: 150,
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            {
              title: t('audit.field.category'),
              dataIndex: 'category',
              width: 90,
              render: (c: TraceEntry['category']) => (isAuditCategory(c) ? t(`audit.category.${c}`) : c),
            },
            { title: t('audit.field.action'), dataIndex: 'action' },
            {
              title: t('audit.field.actor'),
              key: 'actor',
              render: (_: unknown, e) => e.actor.name ?? e.actor.id ?? t(`audit.actorKind.system`),
            },
            {
              title: t('audit.field.department'),
              key: 'department',
              render: (_: unknown, e) => e.department?.name ?? '—',
            },
            {
              title: t('audit.field.resource'),
              dataIndex: 'resourceId',
              render: (v: string | null) => v ?? '—',
            },
            { title: t('audit.field.method'), dataIndex: 'method', render: methodLabel },
            { title: t('audit.field.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.field.caseNumber'),
              dataIndex: 'caseNumber',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('audit.field.outcome'),
              dataIndex: 'outcome',
              width: 80,
              render: (o: TraceEntry['outcome']) => <OutcomeTag outcome={o} />,
            },
          ]}
          footer={() => (
            <Space>
              <span data-testid="audit-count">{t('audit.trace.shown', { count: entries.length })}</span>
              {cursor !== null && (
                <Button onClick={() => load(current, cursor)} loading={loading} data-testid="audit-more">
                  {t('audit.trace.more')}
                </Button>
              )}
            </Space>
          )}
        />
      </Card>
    </>
  );
}
