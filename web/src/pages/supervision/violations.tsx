import { App, Checkbox, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  VIOLATION_STATUS_ORDER,
  VIOLATIONS_PATH,
  type Violation,
  type ViolationCategory,
  type ViolationStatus,
  violationsApi,
} from '../../api/violations.ts';
import { isEnglish } from '../../i18n/index.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { DepartmentSelect } from '../../lib/department-select.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

const STATUS_COLOR: Record<ViolationStatus, string> = {
  open: 'gold',
  ordered: 'volcano',
  rectified: 'blue',
  closed: 'green',
  dismissed: 'default',
};

/** The category in the reader's language, with its article. */
function useCategoryText() {
  const { i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  return (c: { label: { zh: string; en: string }; article: string }) =>
    `${en ? c.label.en : c.label.zh}（${c.article}）`;
}

/**
 * 违规处理 (issue 17; R114, N25) at `/supervision/violations`: the cases the reader may see, by state,
 * kind and overdue, each opening the case page; the authority opens a case by hand (立案) under a
 * kind of violation of the profile in force.
 */
export function ViolationsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [status, setStatus] = useState<ViolationStatus | undefined>();
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState(false);
  const list = useApi(VIOLATIONS_PATH, {
    status,
    categoryCode,
    overdue: overdue || undefined,
    page,
    pageSize: 20,
  });
  const categories = useApi(`${VIOLATIONS_PATH}/categories`);
  const categoryText = useCategoryText();
  const en = isEnglish(i18n.language);
  const handles = can('supervision.violation.handle');
  return (
    <>
      <PageHeader
        title={t('violations.title')}
        subtitle={t('violations.subtitle')}
        onRefresh={list.reload}
        action={
          handles && {
            label: t('violations.open'),
            onClick: () => setOpening(true),
            testId: 'violation-open',
          }
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Select<ViolationStatus>
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            placeholder={t('violations.filters.status')}
            aria-label={t('violations.filters.status')}
            style={{ minWidth: 180 }}
            data-testid="violation-status-filter"
            options={VIOLATION_STATUS_ORDER.map((s) => ({ value: s, label: t(`violations.status.${s}`) }))}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={categoryCode}
            onChange={(v) => {
              setCategoryCode(v);
              setPage(1);
            }}
            placeholder={t('violations.filters.category')}
            aria-label={t('violations.filters.category')}
            style={{ minWidth: 240, maxWidth: '100%' }}
            data-testid="violation-category-filter"
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: categoryText(c) }))}
          />
          <Checkbox
            checked={overdue}
            onChange={(e) => {
              setOverdue(e.target.checked);
              setPage(1);
            }}
            data-testid="violation-overdue-filter"
          >
            {t('violations.filters.overdue')}
          </Checkbox>
        </Space>
        <Table<Violation>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 960 }}
          data-testid="violations-table"
          locale={{ emptyText: <Empty description={t('violations.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('violations.fields.number'),
              key: 'number',
              fixed: 'left',
              width: 150,
              render: (_, v) => (
                <Link to={`/cases/violation/${v.id}`} data-testid={`violation-link-${v.number}`}>
                  {v.number}
                </Link>
              ),
            },
            {
              title: t('violations.fields.respondent'),
              key: 'respondent',
              render: (_, v) => v.respondent.name,
            },
            {
              title: t('violations.fields.category'),
              key: 'category',
              render: (_, v) => (
                <Space orientation="vertical" size={0}>
                  <span>{en ? v.category.label.en : v.category.label.zh}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.category.article}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('violations.fields.source'),
              key: 'source',
              render: (_, v) => (v.source ? t(`violations.source.${v.source.kind}`) : t('violations.byHand')),
            },
            {
              title: t('violations.fields.status'),
              key: 'status',
              render: (_, v) => (
                <Tag color={STATUS_COLOR[v.status]} data-testid={`violation-status-${v.number}`}>
                  {t(`violations.status.${v.status}`)}
                </Tag>
              ),
            },
            {
              title: t('violations.fields.due'),
              key: 'due',
              render: (_, v) =>
                v.dueDate ? (
                  <Space size={4}>
                    <span>{v.dueDate}</span>
                    {v.overdue && <Tag color="red">{t('violations.overdue')}</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('violations.fields.createdAt'),
              key: 'created',
              render: (_, v) => formatDateTime(v.createdAt, i18n.language),
            },
          ]}
        />
      </Space>
      <OpenModal
        open={opening}
        categories={categories.data?.items ?? []}
        onClose={() => setOpening(false)}
        onDone={() => {
          setOpening(false);
          list.reload();
        }}
      />
    </>
  );
}

/** 立案: a kind of violation of the profile in force, the department, the facts. */
function OpenModal({
  open,
  categories,
  onClose,
  onDone,
}: {
  open: boolean;
  categories: ViolationCategory[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const categoryText = useCategoryText();
  const [form] = Form.useForm<{ categoryCode: string; respondentDepartmentId: string; facts: string }>();
  const [busy, setBusy] = useState(false);
  const parties = ['provider', 'requester', 'authority', 'any'] as const;
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const opened = await violationsApi.open(values);
      void message.success(t('violations.opened', { number: opened.number }));
      form.resetFields();
      onDone();
      navigate(`/cases/violation/${opened.id}`);
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('violations.openTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('violations.open')}
      okButtonProps={buttonTestId('violation-open-ok')}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('violations.openHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="categoryCode"
          label={t('violations.fields.category')}
          rules={[{ required: true, message: t('violations.categoryRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="violation-category"
            options={parties
              .map((party) => ({
                label: t(`violations.party.${party}`),
                title: party,
                options: categories
                  .filter((c) => c.party === party)
                  .map((c) => ({ value: c.code, label: categoryText(c) })),
              }))
              .filter((group) => group.options.length > 0)}
          />
        </Form.Item>
        <Form.Item
          name="respondentDepartmentId"
          label={t('violations.fields.respondent')}
          rules={[{ required: true, message: t('violations.respondentRequired') }]}
        >
          <DepartmentSelect data-testid="violation-respondent" />
        </Form.Item>
        <Form.Item
          name="facts"
          label={t('violations.fields.facts')}
          rules={[{ required: true, whitespace: true, message: t('violations.factsRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={10000} data-testid="violation-facts" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
