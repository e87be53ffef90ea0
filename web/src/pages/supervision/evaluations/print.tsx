import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { EVALUATIONS_PATH } from '../../../api/evaluations.ts';
import { Chart } from '../../../lib/chart.tsx';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { chartHeight, labelOf, periodText, rankingOption, scoreText } from './shared.tsx';

/**
 * The evaluation as an A4 document (R111: the published report with its suggestions): title, the
 * ranking chart, the scores, the suggestions, the scheme's articles and the seal. The print
 * stylesheet hides the portal's menus (evaluations.css).
 */
export function EvaluationPrint() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const loaded = useApi(`${EVALUATIONS_PATH}/${id}`);
  const e = loaded.data;
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!e) return <Spin />;
  const period = periodText(t, e.period);
  return (
    <>
      <Space className="gs-no-print" style={{ marginBottom: 16 }} wrap>
        <Link to={`/supervision/evaluations/${e.id}`}>{t('evaluations.back')}</Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="evaluation-print"
        >
          {t('evaluations.print')}
        </Button>
      </Space>
      <article className="gs-sheet gs-eval-sheet" data-testid="evaluation-sheet">
        <h1>{t('evaluations.printTitle', { jurisdiction: e.jurisdiction.name, period })}</h1>
        <div className="gs-sheet-number">
          {`${e.from} — ${e.to} · ${t(`evaluations.state.${e.state}`)} · ${t(`evaluations.publicationValues.${e.publication}`)}`}
        </div>
        <section>
          <h2>{t('evaluations.ranking')}</h2>
          <Chart
            label={t('evaluations.chartLabel')}
            height={chartHeight(e.lines.filter((l) => l.total !== null).length)}
            option={rankingOption(e, true)}
          />
        </section>
        <section>
          <h2>{t('evaluations.indicators')}</h2>
          <div className="gs-eval-table-wrap">
            <table data-testid="evaluation-print-table">
              <thead>
                <tr>
                  <th>{t('evaluations.fields.rank')}</th>
                  <th>{t('evaluations.fields.department')}</th>
                  <th>{t('evaluations.fields.total')}</th>
                  {e.scheme.indicators.map((i) => (
                    <th key={i.indicator}>
                      {labelOf(i18n.language, i.label)}（{i.weight}）
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {e.lines.map((l) => (
                  <tr key={l.departmentId}>
                    <td>{l.rank ?? '—'}</td>
                    <td>{l.departmentName}</td>
                    <td>{scoreText(t, l.total)}</td>
                    {l.indicators.map((i) => (
                      <td key={i.indicator}>{scoreText(t, i.score)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section>
          <h2>{t('evaluations.suggestions')}</h2>
          {e.lines.map((l) => (
            <p key={l.departmentId} className="gs-eval-suggestion">
              <strong>{l.departmentName}：</strong>
              {l.suggestion}
            </p>
          ))}
        </section>
        <section>
          <h2>{t('evaluations.scheme')}</h2>
          {(['indicators', 'period', 'publication'] as const).map((k) => (
            <p
              key={k}
            >{`${e.scheme.basis[k].article ?? t('evaluations.configured')}：${e.scheme.basis[k].text}`}</p>
          ))}
          <p>{t('evaluations.rules')}</p>
        </section>
        <div className="gs-eval-footer">
          <div>
            {t('evaluations.digest')}：
            <span className="gs-eval-digest">{e.digest ?? t('evaluations.notPublished')}</span>
          </div>
          <div>
            {t('evaluations.fields.publishedAt')}：{formatDateTime(e.publishedAt, i18n.language)}
          </div>
          <div>{t('evaluations.printedFrom')}</div>
        </div>
      </article>
    </>
  );
}
