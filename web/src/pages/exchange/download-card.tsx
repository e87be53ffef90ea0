import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import type { Grant } from '../../api/sharing.ts';
import { useShowError } from '../../lib/errors.tsx';
import { chinaDate, formatDateTime } from '../../lib/format.ts';
import {
  canSaveToDisk,
  type DownloadProgress,
  type DownloadResult,
  downloadAll,
  type Statement,
} from './read.ts';
import { formatBytes, formatCount } from './shared.tsx';

/** "下载全部": every granted record as CSV or NDJSON, saved here, then its manifest (rows, hash). */
export function DownloadCard({ grant, statement }: { grant: Grant; statement: Statement }) {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const [format, setFormat] = useState<'csv' | 'ndjson'>('csv');
  const [toDisk, setToDisk] = useState(false);
  const [progress, setProgress] = useState<DownloadProgress>();
  const [result, setResult] = useState<DownloadResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setResult(undefined);
    setError(undefined);
    setProgress({ bytes: 0, lines: 0 });
    try {
      // The day in China, as the platform dates everything (not UTC's, which lags until 08:00).
      const stamp = chinaDate();
      const done = await downloadAll(grant.entry.id, statement, {
        format,
        fileName: `${grant.entry.code.replace('/', '-')}-${stamp}.${format}`,
        toDisk,
        onProgress: setProgress,
      });
      setResult(done);
    } catch (e) {
      // The reader closing the save dialog is no error.
      if ((e as Error).name !== 'AbortError') {
        setError(e as ApiError);
        showError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const manifest = result?.manifest;
  const hash = manifest?.digest ?? undefined;
  return (
    <Card
      variant="borderless"
      title={t('exchange.download.title')}
      style={{ marginBottom: 16 }}
      data-testid="download-card"
    >
      <Typography.Paragraph type="secondary">{t('exchange.download.hint')}</Typography.Paragraph>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value as 'csv' | 'ndjson')}
          optionType="button"
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'ndjson', label: 'NDJSON' },
          ]}
          data-testid="download-format"
        />
        {canSaveToDisk() && (
          <Checkbox checked={toDisk} onChange={(e) => setToDisk(e.target.checked)}>
            {t('exchange.download.toDisk')}
          </Checkbox>
        )}
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={start}
          data-testid="download-start"
        >
          {t('exchange.download.start')}
        </Button>
        {progress && busy && (
          <Typography.Text type="secondary" data-testid="download-progress">
            {t('exchange.download.progress', {
              bytes: formatBytes(progress.bytes),
              lines: formatCount(progress.lines, i18n.language),
            })}
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error.message} description={error.code} />}
        {result && (
          <div data-testid="download-result">
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('exchange.download.done', {
                rows: formatCount(result.rows, i18n.language),
                bytes: formatBytes(result.bytes),
              })}
            />
            <Descriptions
              size="small"
              column={1}
              bordered
              data-testid="download-manifest"
              items={[
                {
                  key: 'rows',
                  label: t('exchange.download.rows'),
                  children: (
                    <span data-testid="manifest-rows">{formatCount(result.rows, i18n.language)}</span>
                  ),
                },
                {
                  key: 'hash',
                  label: manifest?.algorithm === 'sm3' ? 'SM3' : 'SHA-256',
                  children: hash ? (
                    <Space orientation="vertical" size={4}>
                      <Typography.Text
                        code
                        copyable
                        style={{ fontSize: 11, wordBreak: 'break-all' }}
                        data-testid="manifest-hash"
                      >
                        {hash}
                      </Typography.Text>
                      {result.verified === true && (
                        <Tag color="success" icon={<CheckCircleOutlined />} data-testid="manifest-verified">
                          {t('exchange.download.verified')}
                        </Tag>
                      )}
                      {result.verified === false && (
                        <Tag color="error" icon={<CloseCircleOutlined />} data-testid="manifest-mismatch">
                          {t('exchange.download.mismatch')}
                        </Tag>
                      )}
                    </Space>
                  ) : (
                    t('exchange.download.noManifest')
                  ),
                },
                ...(manifest?.generatedAt
                  ? [
                      {
                        key: 'at',
                        label: t('exchange.download.generatedAt'),
                        children: formatDateTime(manifest.generatedAt, i18n.language),
                      },
                    ]
                  : []),
                ...(manifest?.snapshotSeq !== undefined
                  ? [
                      {
                        key: 'seq',
                        label: t('exchange.download.snapshotSeq'),
                        children: String(manifest.snapshotSeq),
                      },
                    ]
                  : []),
                { key: 'file', label: t('exchange.download.file'), children: result.fileName },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
