import { DownloadOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  EVALUATIONS_PATH,
  type EvaluationLine,
  type EvaluationView,
  evaluationsApi,
} from '../../../api/evaluations.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { Chart } from '../../../lib/chart.tsx';
import { ErrorAlert, useShowError } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { buttonTestId } from '../../../lib/test-id.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { chartHeight, labelOf, periodText, rankingOption, STATE_COLOR, scoreText } from './shared.tsx';

/** One evaluation: ranking chart, scores per indicator, suggestions (edited by the authority), steps, seal. */
export function EvaluationDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const loaded = useApi(`${EVALUATIONS_PATH}/${id}`);
  const [current, setCurrent] = useState<EvaluationView>();
  const [editing, setEditing] = useState<EvaluationLine>();
  const [busy, setBusy] = useState<string>();
  const [verified, setVerified] = useState<boolean>();
  const e = current?.id === id ? current : loaded.data;
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!e) return <Spin />;
  const manages = can('supervision.evaluation.manage') && e.state !== 'published' && !e.ownLineOnly;
  const step = async (name: 'recompute' | 'review' | 'reopen' | 'publish') => {
    setBusy(name);
    try {
      setCurrent(await evaluationsApi.step(e.id, name));
      void message.success(t(`evaluations.action.${name}`));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(undefined);
    }
  };
  const verify = async () => {
    try {
      setVerified((await evaluationsApi.verify(e.id)).valid);
    } catch (error) {
      showError(error);
    }
  };
  const indicatorColumns = e.scheme.indicators.map((i, k) => ({
    title: (
      <span>
        {labelOf(i18n.language, i.label)}
        <br />
        <Typography.Text type="secondary">{t('evaluations.weight', { weight: i.weight })}</Typography.Text>
      </span>
    ),
    key: i.indicator,
    width: 120,
    render: (_: unknown, l: EvaluationLine) => scoreText(t, l.indicators[k]?.score ?? null),
  }));
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {`${e.jurisdiction.name} ${periodText(t, e.period)}`}
            <Tag color={STATE_COLOR[e.state]} data-testid="evaluation-state">
              {t(`evaluations.state.${e.state}`)}
            </Tag>
          </Space>
        }
        subtitle={t('evaluations.subtitle')}
        extra={
          <Space wrap className="gs-no-print">
            <Link to="/supervision/evaluations">{t('evaluations.back')}</Link>
            {manages && e.state === 'draft' && (
              <>
                <Button loading={busy === 'recompute'} onClick={() => void step('recompute')}>
                  {t('evaluations.recompute')}
                </Button>
                <Button
                  type="primary"
                  loading={busy === 'review'}
                  onClick={() => void step('review')}
                  data-testid="evaluation-review"
                >
                  {t('evaluations.review')}
                </Button>
              </>
            )}
            {manages && e.state === 'reviewed' && (
              <>
                <Button loading={busy === 'reopen'} onClick={() => void step('reopen')}>
                  {t('evaluations.reopen')}
                </Button>
                <Popconfirm
                  title={t('evaluations.publishConfirm')}
                  onConfirm={() => void step('publish')}
                  okText={t('evaluations.publish')}
                  cancelText={t('evaluations.cancel')}
                  okButtonProps={buttonTestId('evaluation-publish-ok')}
                >
                  <Button type="primary" loading={busy === 'publish'} data-testid="evaluation-publish">
                    {t('evaluations.publish')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1${EVALUATIONS_PATH}/${e.id}/export.xlsx`}
              data-testid="evaluation-xlsx"
            >
              {t('evaluations.exportXlsx')}
            </Button>
            <Link to={`/supervision/evaluations/${e.id}/print`} data-testid="evaluation-print-link">
              <Button icon={<PrinterOutlined />}>{t('evaluations.printPage')}</Button>
            </Link>
          </Space>
        }
      />
      {e.ownLineOnly && (
        <Alert type="info" showIcon title={t('evaluations.ownLineOnly')} style={{ marginBottom: 16 }} />
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('evaluations.fields.period')}>
              {`${periodText(t, e.period)}（${e.from} — ${e.to}）`}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.fields.publication')}>
              {t(`evaluations.publicationValues.${e.publication}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.fields.publishedAt')}>
              {formatDateTime(e.publishedAt, i18n.language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluations.digest')}>
              {e.digest ? (
                <Space wrap>
                  <span className="gs-eval-digest" data-testid="evaluation-digest">
                    {e.digest}
                  </span>
                  <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
                    {t('evaluations.verify')}
                  </Button>
                  {verified !== undefined && (
                    <Tag color={verified ? 'green' : 'red'} data-testid="evaluation-verified">
                      {verified ? t('evaluations.verified') : t('evaluations.tampered')}
                    </Tag>
                  )}
                </Space>
              ) : (
                t('evaluations.notPublished')
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('evaluations.ranking')} data-testid="evaluation-chart">
          <Chart
            label={t('evaluations.chartLabel')}
            height={chartHeight(e.lines.filter((l) => l.total !== null).length)}
            option={rankingOption(e)}
          />
        </Card>
        <Card size="small" title={t('evaluations.indicators')}>
          <Table<EvaluationLine>
            rowKey="departmentId"
            size="small"
            dataSource={e.lines}
            pagination={false}
            scroll={{ x: 360 + 120 * indicatorColumns.length }}
            data-testid="evaluation-lines"
            columns={[
              {
                title: t('evaluations.fields.rank'),
                key: 'rank',
                width: 64,
                fixed: 'left',
                render: (_, l) => l.rank ?? '—',
              },
              {
                title: t('evaluations.fields.department'),
                dataIndex: 'departmentName',
                key: 'name',
                width: 200,
              },
              {
                title: t('evaluations.fields.total'),
                key: 'total',
                width: 96,
                render: (_, l) => <strong>{scoreText(t, l.total)}</strong>,
              },
              ...indicatorColumns,
            ]}
          />
        </Card>
        <Card size="small" title={t('evaluations.suggestions')}>
          <Typography.Paragraph type="secondary">{t('evaluations.suggestionsHint')}</Typography.Paragraph>
          <Table<EvaluationLine>
            rowKey="departmentId"
            size="small"
            dataSource={e.lines}
            pagination={false}
            data-testid="evaluation-suggestions"
            columns={[
              {
                title: t('evaluations.fields.department'),
                dataIndex: 'departmentName',
                key: 'name',
                width: 180,
              },
              {
                title: t('evaluations.fields.suggestion'),
                key: 'suggestion',
                render: (_, l) => <div className="gs-eval-suggestion">{l.suggestion}</div>,
              },
              ...(manages && e.state === 'draft'
                ? [
                    {
                      title: '',
                      key: 'edit',
                      width: 80,
                      render: (_: unknown, l: EvaluationLine) => (
                        <Button
                          size="small"
                          onClick={() => setEditing(l)}
                          data-testid={`suggestion-edit-${l.departmentId}`}
                        >
                          {t('evaluations.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card size="small" title={t('evaluations.scheme')}>
          <Descriptions size="small" column={1}>
            {(['indicators', 'period', 'publication'] as const).map((k) => (
              <Descriptions.Item
                key={k}
                label={t(k === 'indicators' ? 'evaluations.schemeIndicators' : `evaluations.fields.${k}`)}
              >
                {`${e.scheme.basis[k].article ?? t('evaluations.configured')}：${e.scheme.basis[k].text}`}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('evaluations.rules')}</Typography.Paragraph>
        </Card>
        {e.timeline.length > 0 && (
          <Card size="small" title={t('evaluations.timeline')}>
            <Timeline
              items={e.timeline.map((ev, i) => ({
                key: i,
                content: `${formatDateTime(ev.at, i18n.language)} ${ev.actor} ${t(`evaluations.action.${ev.action as 'run'}`)}`,
              }))}
            />
          </Card>
        )}
      </Space>
      {editing && (
        <SuggestionModal
          evaluation={e}
          line={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setCurrent(saved);
            setEditing(undefined);
          }}
        />
      )}
    </>
  );
}

function SuggestionModal({
  evaluation,
  line,
  onClose,
  onSaved,
}: {
  evaluation: EvaluationView;
  line: EvaluationLine;
  onClose(): void;
  onSaved(e: EvaluationView): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ suggestion: string }>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const { suggestion } = await form.validateFields();
    setBusy(true);
    try {
      onSaved(await evaluationsApi.suggestion(evaluation.id, line.departmentId, suggestion));
    } catch (error) {
      showError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('evaluations.suggestions')}：${line.departmentName}`}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      okText={t('evaluations.save')}
      cancelText={t('evaluations.cancel')}
      okButtonProps={buttonTestId('suggestion-save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ suggestion: line.suggestion }}>
        <Form.Item name="suggestion" label={t('evaluations.fields.suggestion')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={6} data-testid="suggestion-text" />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="gs-eval-suggestion">
        {t('evaluations.drafted')}
        {line.drafted}
      </Typography.Paragraph>
    </Modal>
  );
}
