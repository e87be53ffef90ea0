import {
  ArrowLeftOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { catalogLinks, type ImportError, type ImportFailure, type ImportResult } from '../../api/catalog.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { type ImportStage, importContentType, stagePercent, uploadImport } from './upload.ts';

type Outcome =
  | { kind: 'created'; result: ImportResult }
  | { kind: 'invalid'; failure: ImportFailure }
  | { kind: 'failed'; message: string };

function stageText(t: TFunction, stage: ImportStage): string {
  switch (stage.phase) {
    case 'upload':
      return t('catalog.import.stages.upload');
    case 'read':
      return t('catalog.import.stages.read', { rows: stage.rows });
    case 'validate':
      return t('catalog.import.stages.validate', { done: stage.done, total: stage.total });
    case 'create':
      return t('catalog.import.stages.create', { total: stage.total });
  }
}

function errorMessage(body: unknown, fallback: string): string {
  const error = (body as { error?: { message?: string } } | undefined)?.error;
  return error?.message ?? fallback;
}

/** 目录导入: the national filing template in, every row checked, all or nothing. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [percent, setPercent] = useState<number>();
  const [stage, setStage] = useState<ImportStage>();
  const [outcome, setOutcome] = useState<Outcome>();
  const busy = percent !== undefined && outcome === undefined;

  const start = async () => {
    if (!file) return;
    const type = importContentType(file.name);
    if (!type) {
      setOutcome({ kind: 'failed', message: t('catalog.import.badType') });
      return;
    }
    setOutcome(undefined);
    setPercent(0);
    try {
      const answer = await uploadImport('/api/v1/catalog/import', file, type, (next) => {
        setStage(next);
        setPercent(stagePercent(next));
      });
      setPercent(100);
      setStage(undefined);
      const body = answer.body as Partial<ImportFailure & ImportResult> | undefined;
      if (answer.status >= 200 && answer.status < 300) {
        setOutcome({ kind: 'created', result: { created: body?.created ?? [] } });
      } else if (answer.status === 422 && Array.isArray(body?.errors)) {
        setOutcome({ kind: 'invalid', failure: { id: body.id, errors: body.errors } });
      } else {
        setOutcome({ kind: 'failed', message: errorMessage(body, `HTTP ${answer.status}`) });
      }
    } catch {
      setStage(undefined);
      setOutcome({ kind: 'failed', message: t('catalog.import.network') });
    }
  };

  const stepIndex = outcome ? 2 : file ? 1 : 0;
  return (
    <>
      <Link to="/my-catalog" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('catalog.mine.title')}
      </Link>
      <PageHeader title={t('catalog.import.title')} subtitle={t('catalog.import.subtitle')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Steps
          current={stepIndex}
          items={[
            { title: t('catalog.import.step1'), content: t('catalog.import.step1Hint') },
            { title: t('catalog.import.step2'), content: t('catalog.import.step2Hint') },
            { title: t('catalog.import.step3'), content: t('catalog.import.step3Hint') },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title={t('catalog.import.templateTitle')} style={{ marginBottom: 16 }}>
            <Space orientation="vertical" size={12}>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('catalog.import.templateHint')}
              </Typography.Paragraph>
              <a href={catalogLinks.template} download data-testid="import-template">
                <Button icon={<DownloadOutlined />}>{t('catalog.import.downloadTemplate')}</Button>
              </a>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card variant="borderless" title={t('catalog.import.uploadTitle')} style={{ marginBottom: 16 }}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              multiple={false}
              beforeUpload={(picked) => {
                setFile(picked);
                setOutcome(undefined);
                setPercent(undefined);
                return false;
              }}
              onRemove={() => {
                setFile(undefined);
                setOutcome(undefined);
                setPercent(undefined);
              }}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('catalog.import.dropHint')}</p>
              <p className="ant-upload-hint">{t('catalog.import.dropFormats')}</p>
            </Upload.Dragger>
            {percent !== undefined && (
              <Progress
                percent={percent}
                status={
                  outcome?.kind === 'created'
                    ? 'success'
                    : outcome?.kind === 'failed'
                      ? 'exception'
                      : 'active'
                }
                strokeColor={outcome?.kind === 'invalid' ? '#f59e0b' : undefined}
                style={{ marginTop: 12 }}
                data-testid="import-progress"
              />
            )}
            {stage && !outcome && (
              <Typography.Text type="secondary" data-testid="import-stage">
                {stageText(t, stage)}
              </Typography.Text>
            )}
            <Button
              type="primary"
              icon={<UploadOutlined />}
              style={{ marginTop: 12 }}
              disabled={!file}
              loading={busy}
              onClick={start}
              data-testid="import-start"
            >
              {t('catalog.import.start')}
            </Button>
          </Card>
        </Col>
      </Row>
      {outcome && <ImportOutcome outcome={outcome} />}
    </>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'failed') {
    return <Alert type="error" showIcon title={t('catalog.import.failed')} description={outcome.message} />;
  }
  if (outcome.kind === 'created') {
    const created = outcome.result.created ?? [];
    return (
      <Card variant="borderless" data-testid="import-created">
        <Result
          status="success"
          title={t('catalog.import.created', { count: created.length })}
          subTitle={t('catalog.import.createdHint')}
          extra={
            <Link to="/my-catalog">
              <Button type="primary">{t('catalog.mine.title')}</Button>
            </Link>
          }
        />
        <Space wrap>
          {created.map((c) =>
            c.id ? (
              <Link key={c.code} to={`/catalog/entries/${c.id}`}>
                <Tag color="blue">{c.code}</Tag>
                {c.name}
              </Link>
            ) : (
              <Tag key={c.code} color="blue">
                {c.code}
              </Tag>
            ),
          )}
        </Space>
      </Card>
    );
  }
  const { failure } = outcome;
  return (
    <Card
      variant="borderless"
      data-testid="import-errors"
      title={
        <Space>
          <Typography.Text type="danger">
            {t('catalog.import.invalid', { count: failure.errors.length })}
          </Typography.Text>
        </Space>
      }
      extra={
        failure.id && (
          <a href={catalogLinks.importErrors(failure.id)} download data-testid="import-error-report">
            <Button icon={<FileExcelOutlined />}>{t('catalog.import.errorReport')}</Button>
          </a>
        )
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('catalog.import.nothingImported')}
        style={{ marginBottom: 12 }}
      />
      <Table<ImportError & { key: number }>
        size="small"
        rowKey="key"
        dataSource={failure.errors.map((e, key) => ({ ...e, key }))}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="import-error-table"
        columns={[
          { title: t('catalog.import.sheet'), dataIndex: 'sheet', width: 110 },
          { title: t('catalog.import.row'), dataIndex: 'row', width: 70 },
          {
            title: t('catalog.import.column'),
            key: 'column',
            width: 180,
            render: (_, e) => (
              <Space size={4}>
                <Tag>{e.column}</Tag>
                {e.header}
              </Space>
            ),
          },
          { title: t('catalog.import.message'), dataIndex: 'message' },
          {
            title: t('catalog.import.code'),
            dataIndex: 'code',
            width: 260,
            render: (code: string) => (
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {code}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
