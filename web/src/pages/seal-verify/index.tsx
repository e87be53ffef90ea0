import { PrinterOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, QRCode, Space, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { type ApiError, api } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/contract.ts';
import { isEnglish } from '../../i18n/index.ts';
import { LanguageSwitch } from '../../layout/language-switch.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import '../../lib/document-sheet.css';
import './seal-verify.css';

const VERIFY = '/seal/verify';
type Sealed = BodyOf<typeof VERIFY, 'POST'>;
type Verdict = ResponseOf<typeof VERIFY, 'POST'>;

/** The longest record a QR code carries in its link (bytes of the link; level L holds 2,953). */
const QR_MAX = 2_000;

/**
 * What was pasted, as a sealed record: `{ document, seal }` itself, a line of an NDJSON download
 * (its `sealed` field), or a key query answer (its first `sealed` record). Undefined otherwise.
 */
export function sealedOf(text: string): Sealed | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch {
    return undefined;
  }
  const candidates = [
    value,
    (value as { sealed?: unknown })?.sealed,
    ((value as { sealed?: unknown[] })?.sealed ?? [])[0],
  ];
  for (const c of candidates) {
    if (Array.isArray(c)) continue;
    const o = c as { document?: unknown; seal?: unknown } | null | undefined;
    if (o && typeof o === 'object' && typeof o.document === 'object' && typeof o.seal === 'object')
      return { document: o.document, seal: o.seal } as Sealed;
  }
  return undefined;
}

/** base64url of the record's UTF-8 JSON: the `#record=` of a link to this page. */
export function recordFragment(sealed: Sealed): string {
  const bytes = new TextEncoder().encode(JSON.stringify(sealed));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromFragment(hash: string): string | undefined {
  const match = /(?:^#|&)record=([A-Za-z0-9_-]+)/.exec(hash);
  if (!match?.[1]) return undefined;
  try {
    const binary = atob(match[1].replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * 电子签章记录核验 (R108): public, no sign-in. Anyone pastes or uploads a sealed record, or opens a
 * link (`/verify#record=…`, e.g. the QR code of a printed copy), and sees whether the registered
 * seal of a department signed it unchanged, with the seal image; the printable verified copy (A4)
 * carries the record, the seal image, the verdict and a QR code back to this page for the record.
 */
export function SealVerifyPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [text, setText] = useState('');
  const [unreadable, setUnreadable] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<{ sealed: Sealed; verdict: Verdict; at: string }>();

  const verify = useCallback(async (input: string) => {
    const sealed = sealedOf(input);
    setResult(undefined);
    setError(undefined);
    setUnreadable(!sealed);
    if (!sealed) return;
    setChecking(true);
    try {
      const verdict = await api(VERIFY, { method: 'POST', body: sealed });
      setResult({ sealed, verdict, at: new Date().toISOString() });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setChecking(false);
    }
  }, []);

  // A link to a record (`#record=…`) verifies it at once.
  useEffect(() => {
    const linked = fromFragment(location.hash);
    if (linked) {
      setText(linked);
      void verify(linked);
    }
  }, [location.hash, verify]);

  const lang = i18n.language;
  return (
    <div className="gs-seal-verify">
      <header className="gs-seal-verify-header gs-no-print">
        <Space align="center">
          <SafetyCertificateOutlined style={{ fontSize: 22, color: '#b91c1c' }} />
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="seal-verify-title">
            {t('sealVerify.title')}
          </Typography.Title>
        </Space>
        <LanguageSwitch />
      </header>
      <Card className="gs-no-print" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sealVerify.subtitle')}</Typography.Paragraph>
        <label htmlFor="sealed-record" style={{ display: 'block', marginBottom: 6, fontWeight: 500 }}>
          {t('sealVerify.input')}
        </label>
        <Input.TextArea
          id="sealed-record"
          data-testid="seal-verify-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 5, maxRows: 14 }}
          placeholder={t('sealVerify.inputPlaceholder')}
          spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 13 }}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            loading={checking}
            onClick={() => void verify(text)}
            data-testid="seal-verify-submit"
          >
            {t('sealVerify.verify')}
          </Button>
          <Upload
            accept=".json,.ndjson,application/json,text/plain"
            showUploadList={false}
            beforeUpload={async (file) => {
              const content = await file.text();
              setText(content);
              void verify(content);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="seal-verify-upload">
              {t('sealVerify.upload')}
            </Button>
          </Upload>
          <Button
            onClick={() => {
              setText('');
              setResult(undefined);
              setUnreadable(false);
              setError(undefined);
            }}
          >
            {t('sealVerify.clear')}
          </Button>
        </Space>
        {unreadable && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('sealVerify.unreadable')}
            data-testid="seal-verify-unreadable"
          />
        )}
        {error && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
      </Card>
      {result && <VerifiedRecord {...result} language={lang} />}
    </div>
  );
}

function VerifiedRecord(props: { sealed: Sealed; verdict: Verdict; at: string; language: string }) {
  const { t } = useTranslation();
  const { sealed, verdict, language } = props;
  const english = isEnglish(language);
  const document = sealed.document as { resource?: unknown; key?: unknown; values?: unknown };
  const values =
    document.values && typeof document.values === 'object'
      ? Object.entries(document.values as Record<string, unknown>)
      : Object.entries(sealed.document).filter(([k]) => k !== 'resource' && k !== 'key');
  const registered = verdict.seal;
  const link = `${window.location.origin}/verify#record=${recordFragment(sealed)}`;
  const message = english ? verdict.message.en : verdict.message.zh;
  const notes = [
    registered?.retiredAt
      ? t('sealVerify.retiredNote', { at: formatDateTime(registered.retiredAt, language) })
      : '',
    registered?.revokedAt
      ? t('sealVerify.revokedNote', {
          at: formatDateTime(registered.revokedAt, language),
          reason: registered.revokeReason ?? '—',
        })
      : '',
  ].filter(Boolean);
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 12 }} wrap>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="seal-verify-print">
          {t('sealVerify.print')}
        </Button>
      </Space>
      <article className="gs-sheet gs-seal-copy" data-testid="seal-verify-copy" data-valid={verdict.valid}>
        <h1>{t('sealVerify.copyTitle')}</h1>
        <div className="gs-sheet-number">
          {t('sealVerify.copyNumber', { at: formatDateTime(props.at, language) })}
        </div>
        <section>
          <h2>{t('sealVerify.result')}</h2>
          <Alert
            type={verdict.valid ? 'success' : 'error'}
            showIcon
            data-testid="seal-verify-verdict"
            data-reason={verdict.reason}
            title={verdict.valid ? t('sealVerify.valid') : t('sealVerify.invalid')}
            description={
              <>
                <div>{message}</div>
                {notes.map((n) => (
                  <div key={n}>{n}</div>
                ))}
              </>
            }
          />
        </section>
        <section className="gs-seal-copy-seal">
          <Descriptions
            column={1}
            size="small"
            bordered
            style={{ flex: '1 1 260px', minWidth: 0 }}
            items={[
              { key: 'sealName', label: t('sealVerify.sealName'), children: sealed.seal.sealName },
              {
                key: 'department',
                label: t('sealVerify.department'),
                children: registered?.department.name ?? sealed.seal.departmentId,
              },
              {
                key: 'signedAt',
                label: t('sealVerify.signedAt'),
                children: formatDateTime(sealed.seal.signedAt, language),
              },
              ...(registered
                ? [
                    {
                      key: 'status',
                      label: t('sealVerify.sealStatus'),
                      children: t(`sealVerify.statuses.${registered.status}`),
                    },
                  ]
                : []),
              {
                key: 'algorithm',
                label: t('sealVerify.algorithm'),
                children: sealed.seal.algorithm.toUpperCase(),
              },
              { key: 'keyId', label: t('sealVerify.keyId'), children: <code>{sealed.seal.keyId}</code> },
            ]}
          />
          {registered && (
            <figure className="gs-seal-copy-image">
              <img
                src={`/api/v1/seal/seals/${registered.keyId}/image.svg`}
                alt={t('sealVerify.sealImage')}
                width={150}
                height={150}
                data-testid="seal-verify-image"
              />
              <figcaption>{t('sealVerify.imageNote')}</figcaption>
            </figure>
          )}
        </section>
        <section>
          <h2>{t('sealVerify.record')}</h2>
          <table data-testid="seal-verify-record">
            <tbody>
              {typeof document.resource === 'string' && (
                <tr>
                  <th scope="row">{t('sealVerify.resource')}</th>
                  <td>{document.resource}</td>
                </tr>
              )}
              {typeof document.key === 'string' && (
                <tr>
                  <th scope="row">{t('sealVerify.key')}</th>
                  <td>{document.key}</td>
                </tr>
              )}
              {values.map(([item, value]) => (
                <tr key={item}>
                  <th scope="row">{item}</th>
                  <td>{typeof value === 'string' ? value : JSON.stringify(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {link.length <= QR_MAX && (
          <section className="gs-seal-copy-qr">
            <QRCode
              aria-label={t('sealVerify.qr')}
              value={link}
              size={132}
              bordered={false}
              errorLevel="L"
              data-testid="seal-verify-qr"
            />
            <div>
              <strong>{t('sealVerify.qr')}</strong>
              <div>{t('sealVerify.qrNote')}</div>
            </div>
          </section>
        )}
      </article>
    </>
  );
}
