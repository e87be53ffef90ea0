import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../layout/page-header.tsx';

/** Skeleton laid for issue 16; its part of the issue replaces it. */
export function QualitySourcesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('qualitySources.title')} />;
}
