import { App, Empty, Form, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import {
  EVALUATIONS_PATH,
  type EvaluationSummary,
  evaluationsApi,
  periodChoices,
} from '../../../api/evaluations.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { chinaDate, formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { NotFoundPage } from '../../not-found.tsx';
import { EvaluationDetail } from './detail.tsx';
import { EvaluationPrint } from './print.tsx';
import { periodText, STATE_COLOR } from './shared.tsx';
import '../../../lib/document-sheet.css';
import './evaluations.css';

/**
 * 考核评价 (issue 17; R111, R115) at `/supervision/evaluations`: the evaluations the reader may see;
 * the authority runs one for a period; each opens its page (`:id`) and its printable A4 page
 * (`:id/print`).
 */
export function EvaluationsPage() {
  return (
    <Routes>
      <Route index element={<EvaluationList />} />
      <Route path=":id" element={<EvaluationDetail />} />
      <Route path=":id/print" element={<EvaluationPrint />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function EvaluationList() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const manages = can('supervision.evaluation.manage');
  const list = useApi(EVALUATIONS_PATH);
  const [running, setRunning] = useState(false);
  return (
    <>
      <PageHeader
        title={t('evaluations.title')}
        subtitle={t('evaluations.subtitle')}
        onRefresh={list.reload}
        action={
          manages && {
            label: t('evaluations.run'),
            onClick: () => setRunning(true),
            testId: 'evaluation-run',
          }
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<EvaluationSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 840 }}
        data-testid="evaluations-table"
        locale={{ emptyText: <Empty description={t('evaluations.empty')} /> }}
        pagination={false}
        columns={[
          {
            title: t('evaluations.fields.period'),
            key: 'period',
            render: (_, e) => <Link to={`/supervision/evaluations/${e.id}`}>{periodText(t, e.period)}</Link>,
          },
          { title: t('evaluations.fields.jurisdiction'), key: 'j', render: (_, e) => e.jurisdiction.name },
          {
            title: t('evaluations.fields.state'),
            key: 'state',
            render: (_, e) => <Tag color={STATE_COLOR[e.state]}>{t(`evaluations.state.${e.state}`)}</Tag>,
          },
          {
            title: t('evaluations.fields.publication'),
            key: 'publication',
            render: (_, e) => t(`evaluations.publicationValues.${e.publication}`),
          },
          { title: t('evaluations.fields.departments'), dataIndex: 'departments', key: 'departments' },
          {
            title: t('evaluations.fields.createdAt'),
            key: 'createdAt',
            render: (_, e) => formatDateTime(e.createdAt, i18n.language),
          },
          {
            title: t('evaluations.fields.publishedAt'),
            key: 'publishedAt',
            render: (_, e) => formatDateTime(e.publishedAt, i18n.language),
          },
        ]}
      />
      {running && <RunModal onClose={() => setRunning(false)} />}
    </>
  );
}

function RunModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ period: string; publication: 'public' | 'internal' }>();
  const [busy, setBusy] = useState(false);
  const scheme = useApi(`${EVALUATIONS_PATH}/scheme`);
  const periods = periodChoices(chinaDate());
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await evaluationsApi.run(values);
      void message.success(t('evaluations.state.draft'));
      navigate(`/supervision/evaluations/${created.id}`);
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('evaluations.runTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('evaluations.run')}
      cancelText={t('evaluations.cancel')}
      okButtonProps={buttonTestId('evaluation-run-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('evaluations.runHint')}</Typography.Paragraph>
      <ErrorAlert error={scheme.error} onRetry={scheme.reload} />
      {scheme.data && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ publication: scheme.data.publication }}
          data-testid="evaluation-run-form"
        >
          <Form.Item
            name="period"
            label={t('evaluations.period')}
            rules={[{ required: true, message: t('evaluations.periodRequired') }]}
          >
            <Select
              data-testid="evaluation-period"
              options={periods.map((p) => ({ value: p, label: periodText(t, p) }))}
            />
          </Form.Item>
          <Form.Item name="publication" label={t('evaluations.publication')}>
            <Select
              data-testid="evaluation-publication"
              options={(['internal', 'public'] as const).map((p) => ({
                value: p,
                label: t(`evaluations.publicationValues.${p}`),
              }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
