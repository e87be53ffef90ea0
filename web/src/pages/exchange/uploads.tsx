import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Progress, Radio, Row, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { LoadFormat, LoadMode, LoadView } from './api.ts';
import { LoadHistory } from './load-history.tsx';
import { LoadResult } from './load-result.tsx';
import { formatBytes, formatCount } from './shared.tsx';
import { formatOf, type LoadOutcome, type LoadProgress, uploadLoad } from './upload-stream.ts';

const FORMATS: LoadFormat[] = ['csv', 'xlsx', 'ndjson'];
const MODES: LoadMode[] = ['all_or_nothing', 'keep_good'];

/** 数据上传: a file into a hosted resource, followed as it streams, with its bad rows and the history. */
export function UploadsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const entryId = params.get('entryId') ?? undefined;
  const resources = useApi('/exchange/resources', { as: 'provided' });
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<LoadFormat>();
  const [mode, setMode] = useState<LoadMode>('all_or_nothing');
  const [progress, setProgress] = useState<LoadProgress>();
  const [outcome, setOutcome] = useState<LoadOutcome>();
  const [busy, setBusy] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const pick = (id: string) => {
    setParams(id ? { entryId: id } : {});
    setOutcome(undefined);
    setProgress(undefined);
  };

  const start = async () => {
    if (!file || !entryId || !format) return;
    setBusy(true);
    setOutcome(undefined);
    setProgress({ sent: 0, total: file.size, phase: 'upload', rows: 0, processed: 0 });
    try {
      const answer = await uploadLoad(entryId, file, format, mode, setProgress);
      setOutcome(answer);
      if (answer.kind === 'done') setProgress((p) => p && { ...p, sent: p.total, processed: p.total });
    } catch {
      setOutcome({ kind: 'refused', status: 0, message: t('exchange.uploads.network') });
    } finally {
      setBusy(false);
      setHistoryVersion((v) => v + 1);
    }
  };

  const load: LoadView | undefined =
    outcome?.kind === 'done' ? outcome.load : outcome?.kind === 'failed' ? outcome.load : undefined;
  const sentPercent = progress ? Math.floor((progress.sent / Math.max(progress.total, 1)) * 100) : 0;
  const processedPercent = progress
    ? Math.floor((progress.processed / Math.max(progress.total, 1)) * 100)
    : 0;
  const finished = outcome !== undefined;
  // The server says how it read a CSV: in its progress lines, then in the load it answers with.
  const encoding = load?.encoding ?? progress?.encoding;
  const encodingSource = load?.encodingSource ?? progress?.encodingSource;
  const barStatus =
    outcome?.kind === 'done'
      ? outcome.load.rejected > 0
        ? 'normal'
        : 'success'
      : outcome
        ? 'exception'
        : 'active';

  return (
    <>
      <PageHeader title={t('exchange.uploads.title')} subtitle={t('exchange.uploads.subtitle')} />
      <ErrorAlert error={resources.error} onRetry={resources.reload} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('exchange.uploads.fileTitle')} style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              <Form.Item label={t('exchange.fields.resource')} required>
                <Select
                  value={entryId}
                  onChange={pick}
                  loading={resources.loading}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('exchange.uploads.pickResource')}
                  aria-label={t('exchange.uploads.pickResource')}
                  data-testid="upload-resource"
                  options={(resources.data?.items ?? []).map((r) => ({
                    value: r.entry.id,
                    label: `${r.entry.name}（${r.entry.code}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item label={t('exchange.uploads.file')} required>
                <Upload.Dragger
                  accept=".csv,.xlsx,.ndjson,.jsonl"
                  maxCount={1}
                  multiple={false}
                  disabled={busy}
                  beforeUpload={(picked) => {
                    setFile(picked);
                    setFormat(formatOf(picked.name));
                    setOutcome(undefined);
                    setProgress(undefined);
                    return false;
                  }}
                  onRemove={() => {
                    setFile(undefined);
                    setOutcome(undefined);
                    setProgress(undefined);
                  }}
                  fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
                  data-testid="upload-file"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('exchange.uploads.dropHint')}</p>
                  <p className="ant-upload-hint">{t('exchange.uploads.dropFormats')}</p>
                </Upload.Dragger>
              </Form.Item>
              <Form.Item label={t('exchange.uploads.format')}>
                <Radio.Group
                  value={format}
                  onChange={(e) => setFormat(e.target.value as LoadFormat)}
                  optionType="button"
                  disabled={busy}
                  options={FORMATS.map((f) => ({ value: f, label: t(`exchange.formats.${f}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('exchange.uploads.mode')} extra={t(`exchange.uploads.modeHints.${mode}`)}>
                <Radio.Group
                  value={mode}
                  onChange={(e) => setMode(e.target.value as LoadMode)}
                  disabled={busy}
                >
                  {MODES.map((m) => (
                    <Radio key={m} value={m} data-testid={`upload-mode-${m}`}>
                      {t(`exchange.modes.${m}`)}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
            </Form>
            {file && !format && (
              <Alert
                type="warning"
                showIcon
                title={t('exchange.uploads.badType')}
                style={{ marginBottom: 12 }}
              />
            )}
            {progress && (
              <div data-testid="upload-progress" data-finished={finished ? 'true' : 'false'}>
                <Progress
                  percent={finished && outcome?.kind === 'done' ? 100 : sentPercent}
                  success={{ percent: finished && outcome?.kind === 'done' ? 100 : processedPercent }}
                  status={barStatus}
                />
                <Typography.Text type="secondary" data-testid="upload-stage">
                  {finished
                    ? t('exchange.uploads.finishedLine', {
                        rows: formatCount(load?.rowsRead ?? progress.rows, i18n.language),
                      })
                    : progress.phase === 'upload'
                      ? t('exchange.uploads.sendingLine', {
                          sent: formatBytes(progress.sent),
                          total: formatBytes(progress.total),
                        })
                      : t(`exchange.uploads.phaseLine.${progress.phase}`, {
                          rows: formatCount(progress.rows, i18n.language),
                        })}
                </Typography.Text>
                {encoding && (
                  <div>
                    <Typography.Text type="secondary" data-testid="upload-encoding">
                      {t(
                        `exchange.uploads.encoding.${encodingSource === 'declared' ? 'declared' : 'detected'}`,
                        {
                          charset: encoding === 'gb18030' ? 'GB18030' : 'UTF-8',
                        },
                      )}
                    </Typography.Text>
                  </div>
                )}
              </div>
            )}
            <Button
              type="primary"
              icon={<UploadOutlined />}
              style={{ marginTop: 12 }}
              disabled={!file || !entryId || !format}
              loading={busy}
              onClick={start}
              data-testid="upload-start"
            >
              {t('exchange.uploads.start')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('exchange.uploads.guideTitle')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('exchange.uploads.guide1')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('exchange.uploads.guide2')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('exchange.uploads.guide3')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="upload-encoding-help">
              {t('exchange.uploads.guideEncoding')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      {outcome && <LoadResult outcome={outcome} />}
      <LoadHistory
        entryId={entryId}
        version={historyVersion}
        onRetry={(l) => {
          pick(l.entryId);
          setFormat(l.format);
          setMode(l.mode);
          setFile(undefined);
          void message.info(t('exchange.loads.retryPicked'));
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
    </>
  );
}
