import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSession } from '../../../session/index.tsx';
import { FRESHNESS_PATH, type FreshnessItem, type FreshnessRule, STATUS_COLORS } from './api.ts';

/** "3 日内更新（Art.17）": a rule in words with its article. */
export function useRuleText(): (rule: FreshnessRule) => string {
  const { t } = useTranslation();
  return (rule) => {
    const n = rule.days ?? rule.months ?? rule.firstMonthDays ?? 0;
    const words = t(`qualityFreshness.rule.${rule.kind}`, { n });
    return rule.article ? `${words}（${rule.article}）` : words;
  };
}

/** The server's status of a resource as a coloured tag. */
export function StatusTag({ status }: { status: FreshnessItem['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-freshness={status}>
      {t(`qualityFreshness.status.${status}`)}
    </Tag>
  );
}

// The exchange pages show many rows: their statuses are asked in one call per burst of rows,
// and kept for a minute (the monitor itself runs every 15 minutes).
const KEEP_MS = 60_000;
const known = new Map<string, { at: number; item: Promise<FreshnessItem | null> }>();
let pending = new Map<string, (item: FreshnessItem | null) => void>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = pending;
  pending = new Map();
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += 100) {
    const slice = ids.slice(i, i + 100);
    api(FRESHNESS_PATH, { query: { entries: slice.join(','), pageSize: 200 } })
      .then((list) => {
        const byId = new Map(list.items.map((item) => [item.entry.id, item]));
        for (const id of slice) batch.get(id)?.(byId.get(id) ?? null);
      })
      .catch(() => {
        // A failed read shows "not monitored" now and is asked again next time.
        for (const id of slice) {
          known.delete(id);
          batch.get(id)?.(null);
        }
      });
  }
}

/** The server's freshness of a resource, or null where it is not monitored or not the reader's to see. */
export function freshnessOf(entryId: string): Promise<FreshnessItem | null> {
  const hit = known.get(entryId);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.item;
  const item = new Promise<FreshnessItem | null>((resolve) => pending.set(entryId, resolve));
  known.set(entryId, { at: Date.now(), item });
  if (!scheduled) {
    scheduled = true;
    setTimeout(flush, 0);
  }
  return item;
}

/** The statuses of the given resources, once the server has answered. */
export function useFreshness(entryIds: string[]): Map<string, FreshnessItem> {
  const { can } = useSession();
  const allowed = can('quality.freshness.read');
  const [items, setItems] = useState(new Map<string, FreshnessItem>());
  const key = entryIds.join(',');
  useEffect(() => {
    if (!allowed || key === '') return;
    let live = true;
    void Promise.all(key.split(',').map((id) => freshnessOf(id))).then((found) => {
      if (!live) return;
      setItems(new Map(found.filter((f): f is FreshnessItem => f !== null).map((f) => [f.entry.id, f])));
    });
    return () => {
      live = false;
    };
  }, [key, allowed]);
  return items;
}

/** The status tag of one resource with its rule, last update and deadline in the tooltip. */
export function ServerFreshnessTag({ item }: { item: FreshnessItem | undefined }) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  if (!item) return <Tag data-freshness="none">{t('qualityFreshness.tag.none')}</Tag>;
  return (
    <Tooltip
      title={t('qualityFreshness.tag.hint', {
        rule: ruleText(item.rule),
        ago: formatDateTime(item.lastChangeAt, i18n.language),
        dueBy: formatDateTime(item.dueBy, i18n.language),
      })}
    >
      <span>
        <StatusTag status={item.status} />
      </span>
    </Tooltip>
  );
}
