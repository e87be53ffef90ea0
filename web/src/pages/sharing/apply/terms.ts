import type { InformationItem, ShareMethod, ShareType } from '../../../api/catalog.ts';
import type { AccessMethod, AgreementInput, ApplyInput, Frequency } from '../../../api/sharing.ts';

/**
 * Which catalog share methods (共享方式) can carry each access method, as the server checks it
 * (`METHOD_CARRIERS` in src/sharing/model.ts): the wizard disables what the resource cannot carry
 * instead of letting the server refuse it.
 */
export const METHOD_CARRIERS: Record<AccessMethod, readonly ShareMethod[]> = {
  online_query: ['platform_interface', 'platform_database'],
  interface: ['platform_interface'],
  batch_download: ['platform_file', 'platform_database'],
  subscription: ['platform_database', 'platform_interface'],
};

const ORDER: ShareType[] = ['unconditional', 'conditional', 'not_shared'];

/** An item's own share type, or the resource's where the item sets none. */
export function itemShareType(item: InformationItem, entryType: ShareType): ShareType {
  return item.shareType ?? entryType;
}

/** The strictest share type among the entry and the chosen items: what decides the path. */
export function strictestOf(types: ShareType[]): ShareType {
  return types.reduce<ShareType>(
    (worst, t) => (ORDER.indexOf(t) > ORDER.indexOf(worst) ? t : worst),
    'unconditional',
  );
}

/** The wizard's form: one form over every step, so that going back keeps what was entered. */
export interface ApplyForm {
  items: string[];
  purpose: ApplyInput['purpose'];
  purposeText?: string;
  legalDuty: string;
  /** 使用场景 (809 第二十条第二款): where and how the data is used. */
  scenario: string;
  scopeKind: 'all' | 'filter';
  filters?: { item?: string; value?: string }[];
  methods: ApplyInput['methods'];
  validFrom?: { format(f: string): string } | null;
  validUntil: { format(f: string): string };
  /** An agreement's (协议共享) own terms: how often, and the words of the agreement. */
  frequency?: Frequency;
  terms?: string;
}

/** The application body from the form. */
export function toInput(entryId: string, v: ApplyForm): ApplyInput {
  const filters = (v.filters ?? []).filter((f) => f.item && f.value !== undefined && f.value !== '');
  return {
    entryId,
    items: v.items ?? [],
    purpose: v.purpose,
    ...(v.purpose === 'other' && v.purposeText?.trim() ? { purposeText: v.purposeText.trim() } : {}),
    legalDuty: (v.legalDuty ?? '').trim(),
    scenario: (v.scenario ?? '').trim(),
    scope:
      v.scopeKind === 'filter' && filters.length > 0
        ? { kind: 'filter', filter: Object.fromEntries(filters.map((f) => [f.item, f.value?.trim() ?? ''])) }
        : { kind: 'all' },
    methods: v.methods ?? [],
    ...(v.validFrom ? { validFrom: v.validFrom.format('YYYY-MM-DD') } : {}),
    validUntil: v.validUntil?.format('YYYY-MM-DD') ?? '',
  };
}

/** The agreement proposal from the same form: no scope, a frequency and the agreement's terms. */
export function toAgreement(entryId: string, v: ApplyForm): AgreementInput {
  // An agreement states its own terms: the application's scope and scenario are not part of it.
  const { scope: _scope, scenario: _scenario, ...rest } = toInput(entryId, v);
  return {
    ...rest,
    frequency: v.frequency ?? 'on_demand',
    ...(v.terms?.trim() ? { terms: v.terms.trim() } : {}),
  };
}
