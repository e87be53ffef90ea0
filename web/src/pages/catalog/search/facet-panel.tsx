import { Button, Checkbox, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Facet, FacetValue, SearchResult } from '../../../api/catalog.ts';
import { useVocabulary, type VocabularyState } from '../vocabulary.ts';

/** The query-string key each facet filters by. */
export const FACET_PARAM: Record<Facet, string> = {
  catalogClass: 'catalogClass',
  area: 'area',
  providerDepartment: 'providerDepartmentId',
  shareType: 'shareType',
  formatCategory: 'formatCategory',
  updateCycle: 'updateCycle',
  openToPublic: 'openToPublic',
};

const ORDER: Facet[] = [
  'catalogClass',
  'shareType',
  'area',
  'providerDepartment',
  'formatCategory',
  'updateCycle',
  'openToPublic',
];

function useFacetLabel(): (facet: Facet, value: FacetValue) => string {
  const { t } = useTranslation();
  const vocabulary: VocabularyState = useVocabulary();
  return (facet, value) => {
    if (facet === 'openToPublic') {
      return value.value === 'true' ? t('catalog.search.openYes') : t('catalog.search.openNo');
    }
    if (value.label) return value.label;
    switch (facet) {
      case 'catalogClass':
        return vocabulary.label('catalogClasses', value.value);
      case 'shareType':
        return vocabulary.label('shareTypes', value.value);
      case 'formatCategory':
        return vocabulary.label('formatCategories', value.value);
      case 'updateCycle':
        return vocabulary.label('updateCycles', value.value);
      case 'area': {
        const base = vocabulary.label('baseAreas', value.value);
        return base !== value.value ? base : vocabulary.label('themeAreas', value.value);
      }
      default:
        return value.value;
    }
  };
}

/** Checkbox lists with counts; what is checked lives in the URL, so a filtered search can be linked. */
export function FacetPanel({
  facets,
  loading,
  selected,
  onChange,
  onClear,
}: {
  facets: SearchResult['facets'] | undefined;
  loading: boolean;
  selected: (facet: Facet) => string[];
  onChange: (facet: Facet, values: string[]) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const labelOf = useFacetLabel();
  if (!facets && loading) return <Skeleton active paragraph={{ rows: 10 }} />;
  const shown = ORDER.filter((facet) => (facets?.[facet]?.length ?? 0) > 0 || selected(facet).length > 0);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const anySelected = ORDER.some((facet) => selected(facet).length > 0);
  return (
    <div data-testid="catalog-facets">
      {anySelected && (
        <Button type="link" size="small" onClick={onClear} style={{ padding: 0, marginBottom: 8 }}>
          {t('catalog.search.clearFilters')}
        </Button>
      )}
      {shown.map((facet) => {
        const values = facets?.[facet] ?? [];
        const checked = selected(facet);
        // A checked value that now counts nothing stays listed, so it can be unchecked.
        const listed = [
          ...values,
          ...checked.filter((v) => !values.some((f) => f.value === v)).map((value) => ({ value, count: 0 })),
        ];
        return (
          <div className="gs-facet" key={facet} data-testid={`facet-${facet}`}>
            <h4>{t(`catalog.facets.${facet}`)}</h4>
            <Checkbox.Group
              value={checked}
              onChange={(next) => onChange(facet, next as string[])}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            >
              {listed.map((value) => (
                <Checkbox
                  key={value.value}
                  value={value.value}
                  data-testid={`facet-${facet}-${value.value}`}
                  style={{ width: '100%' }}
                >
                  <span className="gs-facet-row">
                    <span>{labelOf(facet, value)}</span>
                    <span className="gs-facet-count">{value.count}</span>
                  </span>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </div>
        );
      })}
    </div>
  );
}
