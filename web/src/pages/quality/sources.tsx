import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { ConflictPage, ConflictsTab } from './sources/conflicts.tsx';
import { DuplicatesTab } from './sources/duplicates.tsx';
import { RegistryTab } from './sources/registry.tsx';

const TABS = ['registry', 'duplicates', 'conflicts'] as const;
type Tab = (typeof TABS)[number];

/**
 * 一数一源 (809 第十九条, 第四十条(一), R76–R79) at `/quality/sources`: the registry of source
 * departments, duplicate collection flags and data conflicts; one conflict at `conflicts/:id`.
 */
export function QualitySourcesPage() {
  return (
    <Routes>
      <Route index element={<SourcesHome />} />
      <Route path="conflicts/:id" element={<ConflictPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function SourcesHome() {
  const { t } = useTranslation();
  const { can, reach } = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'registry';
  // Flags and conflicts are the authority's and the departments' concerned (their administrators).
  const sees = can('quality.source.case.read');
  const manage = ['all', 'jurisdiction'].includes(reach('quality.source.manage') ?? '');
  return (
    <>
      <PageHeader title={t('qualitySources.title')} subtitle={t('qualitySources.subtitle')} />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            {
              key: 'registry',
              label: t('qualitySources.tabs.registry'),
              children: <RegistryTab manage={manage} onChanged={() => undefined} />,
            },
            ...(sees
              ? [
                  {
                    key: 'duplicates',
                    label: t('qualitySources.tabs.duplicates'),
                    children: <DuplicatesTab />,
                  },
                  { key: 'conflicts', label: t('qualitySources.tabs.conflicts'), children: <ConflictsTab /> },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
