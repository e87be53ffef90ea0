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
export interface RequestInput extends NeedInput {
  entryId: string;
  /** 使用场景 (809 第二十条第二款): where and how the data is used; an application must state it. */
  scenario?: string | undefined;
  scope: Scope;
}

/**
 * The need a consumer states, in an application, an agreement, a dispute or a demand: the items,
 * the purpose and the duty they serve, the access methods and the validity period.
 */
export interface NeedInput {
  items: string[];
  purpose: Purpose;
  purposeText?: string | undefined;
  /** The duty (履行职责) the data serves, with its legal basis. */
  legalDuty: string;
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
  const purposeText = statedPurposeText(input.purpose, input.purposeText);
  checkMethods(content, input.methods);
  if (input.scope.kind === 'filter')
    for (const key of Object.keys(input.scope.filter))
      if (!items.includes(key))
        throw SharingErrors.error('SHARING_SCOPE_ITEM_UNKNOWN', { field: 'scope.filter', item: key });
  return {
    items,
    shareType: strictest(types),
    validFrom: checkValidity(input.validFrom, input.validUntil, ctx.today),
    purposeText,
    scenario: input.scenario?.trim() ?? '',
  };
}

/** The purpose in the consumer's words: required for the purpose "other" (R57), null where none is given. */
export function statedPurposeText(purpose: Purpose, text: string | undefined): string | null {
  if (purpose === 'other' && blank(text))
    throw SharingErrors.error('SHARING_PURPOSE_TEXT_REQUIRED', { field: 'purposeText' });
  return blank(text) ? null : (text as string).trim();
}

/** Each access method asked for must be carried by one of the entry's share methods. */
export function checkMethods(content: EntryContent, methods: readonly AccessMethod[]): void {
  methods.forEach((method, index) => {
    if (!METHOD_CARRIERS[method].some((m) => content.share.methods.includes(m)))
      throw SharingErrors.error('SHARING_METHOD_NOT_OFFERED', {
        field: `methods[${index}]`,
        method,
        offered: content.share.methods.join(', '),
      });
  });
}

/**
 * The validity period asked for starts today or later (today where no start is given) and does
 * not end before it starts; answers its start.
 */
export function checkValidity(validFrom: string | undefined, validUntil: string, today: string): string {
  const from = validFrom ?? today;
  if (from < today)
    throw SharingErrors.error('SHARING_VALIDITY_INVALID', {
      field: 'validFrom',
      reason: { zh: `起始日早于今天 ${today}`, en: `starts before today (${today})` },
    });
  if (validUntil < from)
    throw SharingErrors.error('SHARING_VALIDITY_INVALID', {
      field: 'validUntil',
      reason: { zh: '截止日早于起始日', en: 'ends before it starts' },
    });
  return from;
}
