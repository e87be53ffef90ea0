import {
  ArrowLeftOutlined,
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  PrinterOutlined,
} from '@ant-design/icons';
import { Button, Descriptions, QRCode, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Purpose } from '../../api/sharing.ts';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import './snapshots.css';

interface Content {
  items: string[];
  masked: string[];
  records: { key: string; digest: string; values: Record<string, string | number | boolean | null> }[];
}

/** Where anyone checks a voucher: the public verification page, with its id and digest. */
export function verifyLink(id: string, digest: string): string {
  return `${window.location.origin}/verify/snapshot?id=${encodeURIComponent(id)}&digest=${digest}`;
}

/** A snapshot's printable electronic voucher (A4): its content, the signature's check, a QR code to verify it. */
export function SnapshotVoucherPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useApi(`/seal/snapshots/${id}`);
  const s = loaded.data;
  if (loaded.error?.status === 404)
    return (
      <Result
        status="404"
        title="404"
        subTitle={t('snapshots.notFound')}
        extra={
          <Link to="/snapshots">
            <Button>{t('snapshots.back')}</Button>
          </Link>
        }
      />
    );
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!s) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const content = JSON.parse(s.content) as Content;
  const valid = s.verification.valid;
  const message = i18n.language.startsWith('en') ? s.verification.message.en : s.verification.message.zh;
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 16 }} wrap>
        <Link to={`/snapshots?caseNumber=${encodeURIComponent(s.caseNumber)}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('snapshots.back')}</Button>
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="voucher-print"
        >
          {t('snapshots.print')}
        </Button>
      </Space>
      <article className="gs-voucher" data-testid="snapshot-voucher" data-valid={valid}>
        <header className="gs-voucher-head">
          <div>
            <h1>{t('snapshots.voucherTitle')}</h1>
            <Typography.Text type="secondary">{t('snapshots.voucherSubtitle')}</Typography.Text>
            <div style={{ marginTop: 8 }} data-testid="voucher-verdict">
              {valid ? (
                <Tag icon={<CheckCircleTwoTone twoToneColor="#237804" />} color="success">
                  {t('snapshots.valid')}
                </Tag>
              ) : (
                <Tag icon={<CloseCircleTwoTone twoToneColor="#a8071a" />} color="error">
                  {t('snapshots.invalid')}
                </Tag>
              )}
              <Typography.Text>{message}</Typography.Text>
            </div>
          </div>
          <div className="gs-voucher-qr">
            <QRCode
              aria-label={t('snapshots.qrHint')}
              value={verifyLink(s.id, s.digest)}
              size={120}
              bordered={false}
              data-testid="voucher-qr"
            />
            <div>{t('snapshots.qrHint')}</div>
          </div>
        </header>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('snapshots.caseNumber')}>{s.caseNumber}</Descriptions.Item>
          <Descriptions.Item label={t('snapshots.takenAt')}>
            {formatDateTime(s.takenAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.resource')}>
            {s.entry.name}（{s.entry.code}） <Tag>{t(`snapshots.${s.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.department')}>
            {s.requester.departmentName}
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.requester')}>{s.requester.name}</Descriptions.Item>
          <Descriptions.Item label={t('snapshots.purpose')}>
            {t(`sharing.purposes.${s.purpose as Purpose}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.snapshotId')}>
            <span className="gs-voucher-mono">{s.id}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.grantId')}>
            <span className="gs-voucher-mono">{s.grantId}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.masked')} span={2}>
            {content.masked.length ? content.masked.join('、') : '—'}
          </Descriptions.Item>
        </Descriptions>
        <div className="gs-voucher-records" style={{ margin: '16px 0' }}>
          <Table
            size="small"
            data-testid="voucher-records"
            rowKey="key"
            pagination={false}
            dataSource={content.records}
            columns={[
              ...content.items.map((item) => ({
                title: item,
                key: item,
                render: (_: unknown, r: Content['records'][number]) => String(r.values[item] ?? '—'),
              })),
              {
                title: t('snapshots.digest'),
                key: 'digest',
                render: (_: unknown, r: Content['records'][number]) => (
                  <span className="gs-voucher-mono">{r.digest.slice(0, 16)}…</span>
                ),
              },
            ]}
          />
        </div>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('snapshots.digest')}>
            <span className="gs-voucher-mono" data-testid="voucher-digest">
              {s.digest}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.algorithm')}>
            {s.signatureAlgorithm.toUpperCase()} · {t('snapshots.keyId')}{' '}
            <span className="gs-voucher-mono">{s.keyId}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('snapshots.signature')}>
            <span className="gs-voucher-mono">{s.signature}</span>
          </Descriptions.Item>
        </Descriptions>
      </article>
    </>
  );
}
