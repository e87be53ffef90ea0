import {
  ApartmentOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SearchHit } from '../../../api/catalog.ts';
import { Highlighted, highlightSegments } from '../highlight.tsx';
import { ShareTypeTag, StatusTag } from '../tags.tsx';
import { areaList, useVocabulary } from '../vocabulary.ts';

/** One search result: highlighted name and summary, its share type in colour, the matching items. */
export function ResultCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const { label } = useVocabulary();
  const area = areaList(hit.catalogClass);
  const items = hit.highlights.items ?? [];
  // Every keyword, the matching ones with their highlight.
  const marked = new Map(
    (hit.highlights.keywords ?? []).map((html) => [
      highlightSegments(html)
        .map((s) => s.text)
        .join(''),
      html,
    ]),
  );
  const keywords = (hit.keywords ?? [...marked.keys()]).map((text) => ({ text, html: marked.get(text) }));
  return (
    <div className="gs-result" data-testid={`result-${hit.code}`}>
      <Space size={8} wrap style={{ marginBottom: 2 }}>
        <Link to={`/catalog/entries/${hit.id}`} className="gs-result-title" data-testid="result-link">
          <Highlighted html={hit.highlights.name} fallback={hit.name} />
        </Link>
        <ShareTypeTag type={hit.shareType} />
        {hit.status !== 'published' && <StatusTag status={hit.status} />}
        {hit.openToPublic && <Tag color="blue">{t('catalog.common.openToPublic')}</Tag>}
        {hit.classified && <Tag color="magenta">{t('catalog.common.classified')}</Tag>}
      </Space>
      <div className="gs-result-summary">
        <Highlighted html={hit.highlights.summary} fallback={hit.summary} />
      </div>
      {items.length > 0 && (
        <div style={{ marginBottom: 6 }} data-testid="result-items">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('catalog.search.matchedItems')}：
          </Typography.Text>
          {items.slice(0, 6).map((item) => (
            <Tag key={item} style={{ marginInlineEnd: 4 }}>
              <Highlighted html={item} />
            </Tag>
          ))}
        </div>
      )}
      <Space size={16} wrap className="gs-result-meta">
        <Typography.Text code copyable={{ text: hit.code }} style={{ fontSize: 12 }}>
          {hit.code}
        </Typography.Text>
        <span>
          <ApartmentOutlined /> {hit.provider.name}
        </span>
        <span>
          <FileTextOutlined /> {label('catalogClasses', hit.catalogClass)}
          {area && hit.area ? ` · ${label(area, hit.area)}` : ''}
        </span>
        {hit.formatCategory && (
          <span>
            <DatabaseOutlined /> {label('formatCategories', hit.formatCategory)}
            {hit.updateCycle ? ` · ${label('updateCycles', hit.updateCycle)}` : ''}
          </span>
        )}
        {hit.publishDate && (
          <span>
            <FieldTimeOutlined /> {t('catalog.common.publishedOn', { date: hit.publishDate })}
          </span>
        )}
        {keywords.length > 0 && (
          <span>
            <TagsOutlined />{' '}
            {keywords.map((k, i) => (
              <span key={k.text}>
                {i > 0 && '、'}
                <Highlighted html={k.html} fallback={k.text} />
              </span>
            ))}
          </span>
        )}
      </Space>
    </div>
  );
}
