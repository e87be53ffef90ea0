import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { keyText } from './shared.tsx';
import '../../../lib/document-sheet.css';
import './corrections.css';

const pick = (lang: string, label: { zh: string; en: string }) =>
  lang.startsWith('zh') ? label.zh : label.en;

/**
 * The written reply of a closed request (书面答复, R82; Neixiang Art.18 requires it in writing):
 * parties, request, outcome with reasons, dates and the article, as one A4 document that the
 * print stylesheet prints alone.
 */
export function CorrectionReplyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const reply = useApi(`/quality/corrections/${id}/reply`);
  const r = reply.data;
  if (reply.error?.status === 404) return <Result status="404" title="404" subTitle={reply.error.message} />;
  if (reply.error?.status === 409)
    return <Alert type="info" showIcon title={t('qualityCorrections.reply.notClosed')} />;
  if (!r)
    return (
      <>
        <ErrorAlert error={reply.error} onRetry={reply.reload} />
        <Skeleton active />
      </>
    );
  const reason = r.outcome.reason ?? r.outcome.note;
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 16 }} wrap>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => navigate(-1)}
        >
          {t('cases.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="reply-print"
        >
          {t('qualityCorrections.reply.print')}
        </Button>
      </Space>
      <article className="gs-sheet gs-reply-sheet" data-testid="correction-reply">
        <h1>{pick(i18n.language, r.title)}</h1>
        <div className="gs-sheet-number" data-testid="reply-number">
          {r.number}
        </div>
        <table>
          <tbody>
            <tr>
              <th>{t('qualityCorrections.reply.consumer')}</th>
              <td>{r.consumer.name}</td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.provider')}</th>
              <td>{r.provider.name}</td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.fields.resource')}</th>
              <td>
                {r.entry.name}（{r.entry.code}）
              </td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.request')}</th>
              <td>
                <div>{t(`qualityCorrections.scopes.${r.request.scope}`)}</div>
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.request.description}</div>
                {r.request.records.map((rec) => (
                  <div key={keyText(rec.key)}>
                    {keyText(rec.key)}：{rec.items.join('、')}——{rec.problem}
                  </div>
                ))}
              </td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.outcome')}</th>
              <td data-testid="reply-outcome">
                <strong>{pick(i18n.language, r.outcome.label)}</strong>
                {reason && <div style={{ whiteSpace: 'pre-wrap' }}>{reason}</div>}
                {r.outcome.itemsChanged.length > 0 && (
                  <div>
                    {t('qualityCorrections.fields.itemsChanged')}：{r.outcome.itemsChanged.join('、')}
                  </div>
                )}
              </td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.filed')}</th>
              <td>{formatDateTime(r.dates.filed, i18n.language)}</td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.due')}</th>
              <td>{r.dates.due ?? t('qualityCorrections.marks.noPeriod')}</td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.decided')}</th>
              <td>{formatDateTime(r.dates.decided, i18n.language)}</td>
            </tr>
            <tr>
              <th>{t('qualityCorrections.reply.basis')}</th>
              <td>{r.article.text || r.article.value}</td>
            </tr>
          </tbody>
        </table>
        <div className="gs-reply-sign">
          <div>
            {t('qualityCorrections.reply.answeredBy')}：{r.answeredBy.name}
            {t('qualityCorrections.reply.seal')}
          </div>
          <div>{formatDateTime(r.dates.decided, i18n.language)}</div>
        </div>
      </article>
    </>
  );
}
