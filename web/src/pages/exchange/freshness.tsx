import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type UpdateCycle } from '../../api/catalog.ts';
import { useVocabulary } from '../catalog/vocabulary.ts';
import { useAgo } from './shared.tsx';

const DAY = 86_400_000;

/** How long data may rest under each declared update cycle before it is late; `other` has no rule. */
const CYCLE_DAYS: Record<UpdateCycle, number | null> = {
  real_time: 1,
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  half_yearly: 183,
  yearly: 366,
  other: null,
};

export type Freshness = 'fresh' | 'due' | 'stale' | 'empty' | 'unknown';

/**
 * Whether hosted data keeps the entry's promised update cycle: fresh within one cycle, due within
 * two, stale beyond; never loaded is `empty`; a cycle of `other` cannot be judged.
 */
export function freshnessOf(
  lastChangedAt: string | null,
  cycle: string | undefined,
  now = Date.now(),
): Freshness {
  if (!lastChangedAt) return 'empty';
  const days = cycle ? CYCLE_DAYS[cycle as UpdateCycle] : undefined;
  if (!days) return 'unknown';
  const age = now - new Date(lastChangedAt).getTime();
  if (age <= days * DAY) return 'fresh';
  if (age <= 2 * days * DAY) return 'due';
  return 'stale';
}

const COLORS: Record<Freshness, string> = {
  fresh: 'success',
  due: 'warning',
  stale: 'error',
  empty: 'default',
  unknown: 'default',
};

// One catalog read per entry and page load, whichever rows ask for it.
const cycles = new Map<string, Promise<UpdateCycle | undefined>>();

function cycleOf(entryId: string): Promise<UpdateCycle | undefined> {
  let known = cycles.get(entryId);
  if (!known) {
    known = catalogApi
      .get(entryId)
      .then((entry) => (entry.publishedContent ?? entry.content).updateCycle)
      .catch(() => undefined);
    cycles.set(entryId, known);
  }
  return known;
}

/** The freshness tag of a hosted resource, reading its update cycle from the catalog when the view lacks it. */
export function FreshnessTag({
  entryId,
  lastChangedAt,
  updateCycle,
}: {
  entryId: string;
  lastChangedAt: string | null;
  updateCycle?: string | undefined;
}) {
  const { t } = useTranslation();
  const ago = useAgo();
  const { label } = useVocabulary();
  const [cycle, setCycle] = useState<string | undefined>(updateCycle);
  useEffect(() => {
    if (updateCycle) {
      setCycle(updateCycle);
      return;
    }
    let live = true;
    void cycleOf(entryId).then((c) => live && setCycle(c));
    return () => {
      live = false;
    };
  }, [entryId, updateCycle]);
  const state = freshnessOf(lastChangedAt, cycle);
  return (
    <Tooltip
      title={t('exchange.freshness.hint', {
        cycle: cycle ? label('updateCycles', cycle) : '—',
        ago: ago(lastChangedAt),
      })}
    >
      <Tag color={COLORS[state]} data-freshness={state}>
        {t(`exchange.freshness.${state}`)}
      </Tag>
    </Tooltip>
  );
}
