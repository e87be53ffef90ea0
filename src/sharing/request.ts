import type { EntryContent, ShareType } from '../catalog/index.js';

import type { Profile } from '../platform/profiles/index.js';
import { nextStepForNotShared, strictest } from './access-flow.js';
import { SharingErrors } from './errors.js';
import { type AccessMethod, METHOD_CARRIERS, type Purpose, type Scope } from './model.js';

/**
 * What a consumer department states when it asks for a resource (R31, R58): the five statements
 * of 809 第二十条第二款 are the legal duty (使用依据), the scenario (使用场景), the scope (使用范围),
 * the methods (共享方式) and the validity period (使用时限).
 */
export interface RequestInput {
  entryId: string;
  items: string[];
  purpose: Purpose;
  purposeText?: string | undefined;
  /** The duty (履行职责) the data serves, with its legal basis. */
  legalDuty: string;
  /** 使用场景 (809 第二十条第二款): where and how the data is used; an application must state it. */
  scenario?: string | undefined;
  scope: Scope;
  methods: AccessMethod[];
  /** Defaults to today. */
  validFrom?: string | undefined;
  validUntil: string;
}

/** An application states its scenario (809 第二十条第二款); agreements and demands carry theirs in their terms. */
export function requireScenario(scenario: string | undefined): string {
  if (blank(scenario)) throw SharingErrors.error('SHARING_SCENARIO_REQUIRED', { field: 'scenario' });
  return (scenario as string).trim();
}

export interface CheckedRequest {
  items: string[];
  /** The strictest share type among the entry and the items asked for: what decides the path. */
  shareType: ShareType;
  validFrom: string;
  purposeText: string | null;
  scenario: string;
}

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

/**
 * Checks a request against the published content of the entry: the items must be published
 * items of it, none of them not shared; the purpose "other" needs its text; the methods must be
 * carried by the entry's share methods; a scope filter may only name items asked for; the
 * validity period starts today or later and does not end before it starts.
 */
export function checkRequest(
  content: EntryContent,
  input: RequestInput,
  ctx: { profile: Profile; today: string },
): CheckedRequest {
  if (content.share.type === 'not_shared')
    throw SharingErrors.error('SHARING_NOT_SHARED', nextStepForNotShared(ctx.profile));
  const byName = new Map(content.items.map((i) => [i.name, i]));
  const items = [...new Set(input.items)];
  const types: ShareType[] = [content.share.type];
  items.forEach((name, index) => {
    const item = byName.get(name);
    if (!item) throw SharingErrors.error('SHARING_ITEM_UNKNOWN', { field: `items[${index}]`, item: name });
    const type = item.shareType ?? content.share.type;
    if (type === 'not_shared')
      throw SharingErrors.error('SHARING_ITEM_NOT_SHARED', {
        field: `items[${index}]`,
        item: name,
        ...nextStepForNotShared(ctx.profile),
      });
    types.push(type);
  });
  if (input.purpose === 'other' && blank(input.purposeText))
    throw SharingErrors.error('SHARING_PURPOSE_TEXT_REQUIRED', { field: 'purposeText' });
  input.methods.forEach((method, index) => {
    if (!METHOD_CARRIERS[method].some((m) => content.share.methods.includes(m)))
      throw SharingErrors.error('SHARING_METHOD_NOT_OFFERED', {
        field: `methods[${index}]`,
        method,
        offered: content.share.methods.join(', '),
      });
  });
  if (input.scope.kind === 'filter')
    for (const key of Object.keys(input.scope.filter))
      if (!items.includes(key))
        throw SharingErrors.error('SHARING_SCOPE_ITEM_UNKNOWN', { field: 'scope.filter', item: key });
  const validFrom = input.validFrom ?? ctx.today;
  if (validFrom < ctx.today)
    throw SharingErrors.error('SHARING_VALIDITY_INVALID', {
      field: 'validFrom',
      reason: { zh: `起始日早于今天 ${ctx.today}`, en: `starts before today (${ctx.today})` },
    });
  if (input.validUntil < validFrom)
    throw SharingErrors.error('SHARING_VALIDITY_INVALID', {
      field: 'validUntil',
      reason: { zh: '截止日早于起始日', en: 'ends before it starts' },
    });
  return {
    items,
    shareType: strictest(types),
    validFrom,
    purposeText: blank(input.purposeText) ? null : (input.purposeText as string).trim(),
    scenario: input.scenario?.trim() ?? '',
  };
}
