import { Descriptions, Select, Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type InformationItem } from '../../api/catalog.ts';
import type { AccessMethod, Grant } from '../../api/sharing.ts';
import { useApi } from '../../lib/use-api.ts';
import { MethodTags, PurposeText } from '../sharing/shared.tsx';

/** The department's active grants that allow one of `methods`, for a read or a subscription. */
export function useHeldGrants(methods: AccessMethod[]) {
  const list = useApi('/sharing/grants', { as: 'held', pageSize: 200 });
  const grants = (list.data?.items ?? []).filter(
    (g) => g.status === 'active' && g.methods.some((m) => methods.includes(m)),
  );
  return { ...list, grants };
}

export function GrantSelect({
  grants,
  value,
  onChange,
  loading,
  testId,
}: {
  grants: Grant[];
  value: string | undefined;
  onChange(id: string): void;
  loading: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('exchange.query.pickGrant')}
      aria-label={t('exchange.query.grant')}
      notFoundContent={t('exchange.query.noGrants')}
      data-testid={testId}
      style={{ width: '100%' }}
      options={grants.map((g) => ({
        value: g.id,
        label: `${g.entry.name}（${g.entry.code}）· ${t(`sharing.purposes.${g.purpose}`)} · ${g.provider.name}`,
      }))}
    />
  );
}

/** The published items of a grant's resource (for key items and the personal flag), read once per entry. */
export function useEntryItems(entryId: string | undefined): InformationItem[] | undefined {
  const [items, setItems] = useState<InformationItem[]>();
  useEffect(() => {
    setItems(undefined);
    if (!entryId) return;
    let live = true;
    catalogApi
      .get(entryId)
      .then((entry) => live && setItems((entry.publishedContent ?? entry.content).items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [entryId]);
  return items;
}

/** What a grant gives: items (personal ones masked unless granted in clear), purpose, methods, validity. */
export function GrantSummary({ grant, items }: { grant: Grant; items: InformationItem[] | undefined }) {
  const { t } = useTranslation();
  const personal = new Set((items ?? []).filter((i) => i.personal).map((i) => i.name));
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="grant-summary"
      items={[
        { key: 'provider', label: t('sharing.fields.provider'), children: grant.provider.name },
        {
          key: 'purpose',
          label: t('sharing.fields.purpose'),
          children: <PurposeText purpose={grant.purpose} />,
        },
        {
          key: 'items',
          label: t('sharing.fields.grantedItems'),
          span: 2,
          children: (
            <Space size={[4, 4]} wrap>
              {grant.items.map((item) => {
                const masked = personal.has(item) && !grant.clearItems.includes(item);
                return masked ? (
                  <Tooltip key={item} title={t('exchange.query.maskedHint')}>
                    <Tag color="purple" data-item={item} data-masked="true">
                      {item} · {t('exchange.query.masked')}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag key={item} data-item={item}>
                    {item}
                  </Tag>
                );
              })}
            </Space>
          ),
        },
        {
          key: 'methods',
          label: t('sharing.fields.methods'),
          children: <MethodTags methods={grant.methods} />,
        },
        {
          key: 'validity',
          label: t('sharing.fields.validity'),
          children: `${grant.validFrom} ~ ${grant.validUntil}`,
        },
      ]}
    />
  );
}
