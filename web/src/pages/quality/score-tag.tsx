import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { scoreColor } from '../../lib/score-color.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

/** A quality score (0–100) as a coloured tag; 未计量 where nothing was measured. */
export function ScoreTag({ score }: { score: number | null | undefined }) {
  const { t } = useTranslation();
  if (score === null || score === undefined) return <Tag>{t('qualityScores.notMeasured')}</Tag>;
  return (
    <Tag color={scoreColor(score)} style={{ minWidth: 48, textAlign: 'center' }}>
      {score.toFixed(1)}
    </Tag>
  );
}

/** A resource's quality score on its own page, linking to the scores page (for readers of scores). */
export function ResourceScoreLink({ entryId }: { entryId: string }) {
  const { can } = useSession();
  const allowed = can('quality.score.read');
  const score = useApi(allowed ? `/quality/scores/${entryId}` : null);
  if (!allowed) return null;
  return (
    <Link to={`/quality/scores?entry=${encodeURIComponent(entryId)}`} data-testid="resource-quality-score">
      <ScoreTag score={score.data?.score} />
    </Link>
  );
}
