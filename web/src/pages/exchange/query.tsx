import { AuditOutlined, LockOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { InformationItem } from '../../api/catalog.ts';
import type { ApiError } from '../../api/client.ts';
import type { Grant } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { useSession } from '../../session/index.tsx';
import { FileCorrectionModal, type FilingTarget } from '../quality/corrections/file-modal.tsx';
import { UnderVerificationTag } from '../quality/corrections/shared.tsx';
import { recordFragment } from '../seal-verify/index.tsx';
import type { ItemValue, QueryAnswer, QueryInput } from './api.ts';
import { DownloadCard } from './download-card.tsx';
import { GrantSelect, GrantSummary, useEntryItems, useHeldGrants } from './grant-picker.tsx';
import { type KeyLine, parseKeys } from './query-keys.ts';
import { KeyProblems, NotFoundCell, notFoundRows, type ResultRow } from './query-messages.tsx';
import { queryRecords, type Statement } from './read.ts';
import { ValueCell } from './shared.tsx';

interface QueryForm {
  /** One key item: several values, one a line. */
  keys?: string;
  /** Several key items: one value each, a filter. */
  filter?: Record<string, string>;
  items?: string[];
  limit?: number;
}

/**
 * 数据查询: a consumer reads a resource it holds a grant for, stating the grant's purpose and
 * optionally a case number; personal items come masked unless the grant gives them in clear.
 */
export function QueryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const held = useHeldGrants(['online_query', 'batch_download']);
  const grantId = params.get('grant') ?? undefined;
  const grant = held.grants.find((g) => g.id === grantId);
  const items = useEntryItems(grant?.entry.id);
  const [caseNumber, setCaseNumber] = useState<string>();
  const statement: Statement | undefined = grant && { purpose: grant.purpose, caseNumber };
  return (
    <>
      <PageHeader title={t('exchange.query.title')} subtitle={t('exchange.query.subtitle')} />
      <ErrorAlert error={held.error} onRetry={held.reload} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={t('exchange.query.grant')} required>
            <GrantSelect
              grants={held.grants}
              value={grant?.id}
              onChange={(id) => setParams({ grant: id })}
              loading={held.loading}
              testId="query-grant"
            />
          </Form.Item>
          {grant && (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('exchange.query.purpose')} extra={t('exchange.query.purposeHint')}>
                  <Input
                    value={t(`sharing.purposes.${grant.purpose}`)}
                    disabled
                    data-testid="query-purpose"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('exchange.query.caseNumber')} extra={t('exchange.query.caseNumberHint')}>
                  <Input
                    value={caseNumber}
                    maxLength={64}
                    onChange={(e) => setCaseNumber(e.target.value || undefined)}
                    data-testid="query-case-number"
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Form>
        {grant && <GrantSummary grant={grant} items={items} />}
        {!held.loading && held.grants.length === 0 && (
          <Empty description={t('exchange.query.noGrants')} data-testid="query-no-grants" />
        )}
      </Card>
      {grant && statement && (
        <Row gutter={16} key={grant.id}>
          {grant.methods.includes('online_query') && (
            <Col xs={24} xl={grant.methods.includes('batch_download') ? 16 : 24}>
              <QueryCard grant={grant} items={items} statement={statement} />
            </Col>
          )}
          {grant.methods.includes('batch_download') && (
            <Col xs={24} xl={grant.methods.includes('online_query') ? 8 : 24}>
              <DownloadCard grant={grant} statement={statement} />
            </Col>
          )}
        </Row>
      )}
    </>
  );
}

function QueryCard({
  grant,
  items,
  statement,
}: {
  grant: Grant;
  items: InformationItem[] | undefined;
  statement: Statement;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { can } = useSession();
  const [filing, setFiling] = useState<FilingTarget>();
  const [form] = Form.useForm<QueryForm>();
  const [answer, setAnswer] = useState<QueryAnswer>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [input, setInput] = useState<QueryInput>();
  /** The keys of the query shown, with their lines: a key that found nothing is named by its line. */
  const [sent, setSent] = useState<KeyLine[]>([]);
  const keyItems = (items ?? []).filter((i) => i.isKey && grant.items.includes(i.name));
  const single = keyItems.length <= 1;
  const keysText = Form.useWatch('keys', form);
  const keyKind = single ? keyItems[0]?.keyKind : undefined;
  const parsed = useMemo(() => parseKeys(keysText, keyKind), [keysText, keyKind]);
  const keysRefused = parsed.kind !== 'keys' || parsed.problems.length > 0;

  const run = async (base: QueryInput, cursor: string | undefined, pageIndex: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await queryRecords(grant.entry.id, statement, { ...base, ...(cursor ? { cursor } : {}) });
      setAnswer(next);
      setCursors((c) => [...c.slice(0, pageIndex + 1), ...(next.nextCursor ? [next.nextCursor] : [])]);
    } catch (e) {
      setError(e as ApiError);
      setAnswer(undefined);
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    let values: QueryForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const filter = Object.fromEntries(
      Object.entries(values.filter ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    );
    // Bad lines are marked under the input; nothing is sent until they are corrected.
    if (single && keysRefused) return;
    const lines = single && parsed.kind === 'keys' ? parsed.keys : [];
    const keys = lines.map((k) => k.key);
    const base: QueryInput = {
      ...(single && keys.length > 0 ? { keys } : {}),
      ...(!single && Object.keys(filter).length > 0 ? { filter } : {}),
      ...(values.items && values.items.length > 0 ? { items: values.items } : {}),
      limit: values.limit ?? 50,
    };
    setInput(base);
    setSent(lines);
    setCursors([undefined]);
    setPage(0);
    await run(base, undefined, 0);
  };

  const [page, setPage] = useState(0);
  const go = async (index: number) => {
    if (!input) return;
    setPage(index);
    await run(input, cursors[index], index);
  };

  const masked = new Set(answer?.masked ?? []);
  const shown = answer ? columnOrder(grant, answer) : [];
  const missing = answer ? notFoundRows(answer, sent) : [];
  const rows: ResultRow[] = [
    ...(answer?.records ?? []).map((r, i) => ({ ...r, __row: String(i) })),
    ...missing,
  ];
  const keysHelp: ReactNode = single && keysText ? <KeyProblems parsed={parsed} /> : undefined;
  /**
   * The key of a result row for a verification request (R80): each key item's value as shown, or,
   * where it comes masked, the key the reader typed when the answer holds that one record only.
   */
  const keyOfRow = (row: ResultRow): Record<string, string | undefined> =>
    Object.fromEntries(
      keyItems.map((k) => {
        const shownValue = row[k.name];
        if (!masked.has(k.name) && shownValue !== undefined && shownValue !== null)
          return [k.name, String(shownValue)];
        const typed = single ? (sent.length === 1 ? sent[0]?.key : undefined) : input?.filter?.[k.name];
        return [
          k.name,
          (answer?.records.length ?? 0) === 1 && typed !== undefined ? String(typed) : undefined,
        ];
      }),
    );
  /** The row's sealed record (R106), when the answer carries one: matched on the key items' values. */
  const sealedOfRow = (row: ResultRow) =>
    answer?.sealed?.find((sealed) =>
      keyItems.every((k) => String(sealed.document.values[k.name] ?? '') === String(row[k.name] ?? '')),
    );
  const verificationColumn = {
    key: '__verification',
    title: t('common.actions'),
    fixed: 'right' as const,
    onCell: (row: ResultRow) => (row.__notFound ? { colSpan: 0 } : {}),
    render: (_: unknown, row: ResultRow) => (
      <Space size={4} wrap>
        {row[UNDER_VERIFICATION] === true && <UnderVerificationTag />}
        {(() => {
          const sealed = sealedOfRow(row);
          return sealed ? (
            <Button
              size="small"
              icon={<SafetyCertificateOutlined />}
              href={`/verify#record=${recordFragment(sealed)}`}
              target="_blank"
              data-testid="query-verify-seal"
            >
              {t('exchange.query.verifySeal')}
            </Button>
          ) : null;
        })()}
        {can('quality.correction.file') && (
          <Button
            size="small"
            icon={<AuditOutlined />}
            data-testid="query-file-correction"
            onClick={() =>
              setFiling({
                scope: 'records',
                grant,
                keyItems: keyItems.map((k) => k.name),
                key: keyOfRow(row),
              })
            }
          >
            {t('qualityCorrections.file.action')}
          </Button>
        )}
      </Space>
    ),
  };
  return (
    <Card variant="borderless" title={t('exchange.query.queryTitle')} style={{ marginBottom: 16 }}>
      <Form<QueryForm> form={form} layout="vertical" initialValues={{ limit: 50 }} onFinish={submit}>
        {single ? (
          <Form.Item
            name="keys"
            label={
              keyItems[0] ? t('exchange.query.keysOf', { item: keyItems[0].name }) : t('exchange.query.keys')
            }
            extra={t('exchange.query.keysHint')}
            {...(keysHelp && keysRefused ? { validateStatus: 'error' as const, help: keysHelp } : {})}
          >
            <Input.TextArea rows={3} data-testid="query-keys" placeholder={keyItems[0]?.name} />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            {keyItems.map((k) => (
              <Col key={k.name} xs={24} md={12}>
                <Form.Item name={['filter', k.name]} label={k.name}>
                  <Input data-testid={`query-filter-${k.name}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="items" label={t('exchange.query.items')} extra={t('exchange.query.itemsHint')}>
              <Select
                mode="multiple"
                allowClear
                options={grant.items.map((i) => ({ value: i, label: i }))}
                aria-label={t('exchange.query.items')}
                data-testid="query-items"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="limit" label={t('exchange.query.limit')}>
              <InputNumber min={1} max={500} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined />}
          loading={busy}
          data-testid="query-submit"
        >
          {t('exchange.query.submit')}
        </Button>
      </Form>
      {error && !answer && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={error.message}
          description={error.code}
          data-testid="query-error"
        />
      )}
      {answer && (
        <div style={{ marginTop: 16 }}>
          {answer.snapshotId && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="query-snapshot"
              title={
                <>
                  {t('snapshots.madeNote')}{' '}
                  <Link to={`/snapshots/${answer.snapshotId}`}>{t('snapshots.open')}</Link>
                </>
              }
            />
          )}
          {answer.masked.length > 0 && (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined />}
              style={{ marginBottom: 12 }}
              title={t('exchange.query.maskedNote', { items: answer.masked.join('、') })}
            />
          )}
          <Table<ResultRow>
            rowKey="__row"
            size="small"
            loading={busy}
            scroll={{ x: true }}
            data-testid="query-results"
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('exchange.query.noRecords')} /> }}
            pagination={false}
            columns={shown
              .map((item, index) => ({
                key: item,
                // A key that found nothing is one row across the table.
                onCell: (row: ResultRow) =>
                  row.__notFound ? { colSpan: index === 0 ? shown.length + 1 : 0 } : {},
                title: masked.has(item) ? (
                  <Tooltip title={t('exchange.query.maskedHint')}>
                    <Space size={4}>
                      {item}
                      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                        <LockOutlined /> {t('exchange.query.masked')}
                      </Tag>
                    </Space>
                  </Tooltip>
                ) : (
                  item
                ),
                render: (_: unknown, record: ResultRow) =>
                  record.__notFound ? (
                    <NotFoundCell missing={record.__notFound} />
                  ) : (
                    <ValueCell item={item} value={record[item] as ItemValue} masked={masked.has(item)} />
                  ),
              }))
              .concat([verificationColumn])}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Button disabled={busy || page === 0} onClick={() => go(page - 1)} data-testid="query-prev">
              {t('exchange.query.prev')}
            </Button>
            <Button
              disabled={busy || !answer.nextCursor}
              onClick={() => go(page + 1)}
              data-testid="query-next"
            >
              {t('exchange.query.next')}
            </Button>
            <span style={{ color: '#475569' }} data-testid="query-count">
              {t('exchange.query.pageLine', { page: page + 1, count: answer.records.length })}
            </span>
            {missing.length > 0 && (
              <span style={{ color: '#b45309' }} data-testid="query-not-found-count">
                {t('exchange.query.notFoundCount', { count: missing.length })}
              </span>
            )}
          </Space>
        </div>
      )}
      <FileCorrectionModal target={filing} onClose={() => setFiling(undefined)} />
    </Card>
  );
}

/** The flag a record under verification carries in the answer (R83): a mark, not an item. */
const UNDER_VERIFICATION = 'underVerification';

/** Columns in the grant's item order, then any other item the records carry. */
function columnOrder(grant: Grant, answer: QueryAnswer): string[] {
  const present = new Set(answer.records.flatMap((r) => Object.keys(r)));
  present.delete(UNDER_VERIFICATION);
  const ordered = grant.items.filter((i) => present.has(i));
  for (const key of present) if (!ordered.includes(key)) ordered.push(key);
  return ordered.length > 0 ? ordered : grant.items;
}
