import { Value, ValueErrorType } from '@sinclair/typebox/value';
import type { NetworkZone } from '../platform/config/index.js';
import { AppError, type ErrorCode, type ErrorParams } from '../platform/errors/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { EntryContentSchema } from './content-schema.js';
import { type CatalogErrorCode, CatalogErrors } from './errors.js';
import {
  BASE_AREAS,
  DOCUMENTATION_FIELDS,
  type DocumentationField,
  type EntryContent,
  SHARE_TYPES,
  type ShareType,
  THEME_AREAS,
} from './model.js';

export { EntryContentSchema } from './content-schema.js';

/** One broken rule, with the path of the offending field (`items[2].dataType`, `share.legalBasis`). */
export interface ValidationIssue {
  code: ErrorCode;
  field: string;
  message: { zh: string; en: string };
}

export interface ValidationContext {
  /** A draft is checked for shape only (and for what its code and network zone depend on). */
  stage: 'draft' | 'submit';
  profile: Profile;
  networkZone: NetworkZone;
  /** Resource codes that exist in this instance; when given, related codes are checked against it. */
  knownCodes?: ReadonlySet<string>;
}

/** Data types whose values have a length (字符串、数值、货币、双精度、浮点). */
const SIZED_TYPES = new Set(['C', 'N', 'Y', 'B', 'F']);

const SHARE_LABELS: Record<ShareType, { zh: string; en: string }> = {
  unconditional: { zh: '无条件共享', en: 'unconditional' },
  conditional: { zh: '有条件共享', en: 'conditional' },
  not_shared: { zh: '不予共享', en: 'not-shared' },
};

// The parameters each issue was rendered with, so that it can be thrown as its own error.
const issueParams = new WeakMap<ValidationIssue, ErrorParams>();

function issue(code: CatalogErrorCode, params: ErrorParams & { field: string }): ValidationIssue {
  const error = CatalogErrors.error(code, params);
  const result = {
    code,
    field: params.field,
    message: { zh: error.localized('zh-CN'), en: error.localized('en') },
  };
  issueParams.set(result, params);
  return result;
}

/** `/items/2/dataType` → `items[2].dataType` */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/**
 * Validates a catalog entry's content against the national catalog guide and the jurisdiction's
 * profile, returning every issue at once (the editor shows them live). The draft stage checks
 * shape, classification (the resource code depends on it) and classification secrecy (an
 * external instance refuses classified entries outright, R97); the submit stage checks every rule.
 *
 * @example
 * validateEntryContent(content, { stage: 'submit', profile: loadProfile('inner-mongolia'), networkZone: 'external' })
 * // [{ code: 'CATALOG_LEGAL_BASIS_REQUIRED', field: 'share.legalBasis', message: { zh: '…', en: '…' } }]
 */
export function validateEntryContent(content: unknown, ctx: ValidationContext): ValidationIssue[] {
  const shape = shapeIssues(content);
  if (shape.length > 0) return shape;
  const entry = content as EntryContent;
  const issues = [
    ...classificationIssues(entry, ctx.profile),
    ...secrecyIssues(entry, ctx),
    ...gradingIssues(entry, ctx),
  ];
  if (ctx.stage === 'submit')
    issues.push(
      ...completenessIssues(entry),
      ...itemIssues(entry),
      ...shareIssues(entry, ctx),
      ...openIssues(entry),
      ...documentationIssues(entry, ctx.profile),
    );
  return issues;
}

function shapeIssues(content: unknown): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of Value.Errors(EntryContentSchema, content)) {
    const field = pointerToPath(error.path) || 'content';
    if (seen.has(field)) continue;
    seen.add(field);
    if (error.type === ValueErrorType.ObjectRequiredProperty)
      issues.push(issue('CATALOG_FIELD_REQUIRED', { field }));
    else if (error.type === ValueErrorType.ObjectAdditionalProperties)
      issues.push(
        issue('CATALOG_FIELD_INVALID', { field, reason: { zh: '不允许的字段', en: 'unknown field' } }),
      );
    else issues.push(issue('CATALOG_FIELD_INVALID', { field, reason: error.message }));
  }
  return issues;
}

function classificationIssues(entry: EntryContent, profile: Profile): ValidationIssue[] {
  const { catalog, area } = entry.classification;
  const field = 'classification.area';
  if (catalog === 'department') {
    return area === undefined
      ? []
      : [
          issue('CATALOG_FIELD_INVALID', {
            field,
            reason: { zh: '部门目录不选领域', en: 'department catalogs have no area' },
          }),
        ];
  }
  if (area === undefined) return [issue('CATALOG_AREA_REQUIRED', { field })];
  if (catalog === 'theme') {
    return area in THEME_AREAS
      ? []
      : [
          issue('CATALOG_AREA_NOT_IN_PROFILE', {
            field,
            area,
            catalog: '主题 / theme',
            article: '发改高技〔2017〕1272号',
          }),
        ];
  }
  const allowed: readonly string[] = profile.baseResources.value.resources;
  if (area in BASE_AREAS && allowed.includes(area)) return [];
  return [
    issue('CATALOG_AREA_NOT_IN_PROFILE', {
      field,
      area,
      catalog: '基础 / base',
      article: profile.baseResources.text,
    }),
  ];
}

function secrecyIssues(entry: EntryContent, ctx: ValidationContext): ValidationIssue[] {
  if (!entry.classified) return [];
  const issues: ValidationIssue[] = [];
  if (ctx.networkZone === 'external')
    issues.push(issue('CATALOG_CLASSIFIED_ON_EXTERNAL', { field: 'classified' }));
  if (ctx.profile.classifiedData.value === 'forbidden_on_platform')
    issues.push(
      issue('CATALOG_CLASSIFIED_FORBIDDEN', {
        field: 'classified',
        article: ctx.profile.classifiedData.text,
      }),
    );
  if (ctx.stage === 'submit' && entry.open.toPublic)
    issues.push(issue('CATALOG_CLASSIFIED_OPEN', { field: 'open.toPublic' }));
  return issues;
}

/**
 * N03 (809 第十三条第二款): the entry states its 数据分类分级 before it is submitted (an entry
 * written before, with none, is 未定级 and refused then); general data carries a level of the
 * profile's list, core and important data none.
 */
function gradingIssues(entry: EntryContent, ctx: ValidationContext): ValidationIssue[] {
  const rule = ctx.profile.catalogPreparation;
  const { grading } = entry;
  if (!grading)
    return ctx.stage === 'submit' && rule?.grading?.value
      ? [issue('CATALOG_GRADING_REQUIRED', { field: 'grading', article: rule.grading.article ?? '' })]
      : [];
  const levels = rule?.generalLevels?.value.map((l) => l.code);
  if (grading.dataClass !== 'general')
    return grading.level === undefined
      ? []
      : [
          issue('CATALOG_GRADING_LEVEL_INVALID', {
            field: 'grading.level',
            level: grading.level,
            allowed: '—',
          }),
        ];
  if (grading.level === undefined)
    return ctx.stage === 'submit'
      ? [issue('CATALOG_GRADING_LEVEL_REQUIRED', { field: 'grading.level' })]
      : [];
  if (levels && !levels.includes(grading.level))
    return [
      issue('CATALOG_GRADING_LEVEL_INVALID', {
        field: 'grading.level',
        level: grading.level,
        allowed: levels.join(', '),
      }),
    ];
  return [];
}

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

export const DOCUMENTATION_LABELS: Record<DocumentationField, { zh: string; en: string }> = {
  collectionBasis: { zh: '采集依据', en: 'collection basis' },
  collection: { zh: '信息收集的规范和程序', en: 'collection norms and procedures' },
  publication: { zh: '信息发布的规范和程序', en: 'publication norms and procedures' },
  maintenance: { zh: '信息维护的规范和程序', en: 'maintenance norms and procedures' },
};

/**
 * The article a documentation issue names: the lead of the profile's text ("肥城市…暂行办法 第十六条"),
 * which carries the instrument's name; the bare article number where the text has no lead.
 */
export function documentationArticle(profile: Profile): string {
  const rule = profile.catalogPreparation?.documentation;
  if (!rule) return '';
  const lead = rule.text.split('：')[0]?.trim();
  return lead && lead !== rule.text ? lead : (rule.article ?? rule.text);
}

/**
 * R73 (肥城 第十六条, 广州 第十二条, 内乡 第四条第二款、第七条): under a profile that requires it, each
 * of 采集依据 and the collection, publication and maintenance procedures is written before the
 * entry is submitted; each one missing is its own issue. The national regulation does not ask.
 */
function documentationIssues(entry: EntryContent, profile: Profile): ValidationIssue[] {
  if (profile.catalogPreparation?.documentation?.value !== true) return [];
  const article = documentationArticle(profile);
  return DOCUMENTATION_FIELDS.filter((field) => blank(entry.documentation?.[field])).map((field) =>
    issue('CATALOG_DOCUMENTATION_REQUIRED', {
      field: `documentation.${field}`,
      label: DOCUMENTATION_LABELS[field],
      article,
    }),
  );
}

/** R04: the mandated metadata is filled in before an entry goes to the authority. */
function completenessIssues(entry: EntryContent): ValidationIssue[] {
  const required: [string, boolean][] = [
    ['name', blank(entry.name)],
    ['summary', blank(entry.summary)],
    ['format.concrete', blank(entry.format.concrete)],
    ['updateCycleNote', entry.updateCycle === 'other' && blank(entry.updateCycleNote)],
    ['items', entry.items.length === 0],
    ['share.methods', entry.share.type !== 'not_shared' && entry.share.methods.length === 0],
  ];
  return required
    .filter(([, missing]) => missing)
    .map(([field]) => issue('CATALOG_FIELD_REQUIRED', { field }));
}

const strictness = (type: ShareType) => SHARE_TYPES.indexOf(type);

function itemIssues(entry: EntryContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const names = new Set<string>();
  entry.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (blank(item.name)) issues.push(issue('CATALOG_FIELD_REQUIRED', { field: `${at}.name` }));
    else if (names.has(item.name.trim()))
      issues.push(issue('CATALOG_DUPLICATE_ITEM_NAME', { field: `${at}.name`, name: item.name.trim() }));
    names.add(item.name.trim());
    if (SIZED_TYPES.has(item.dataType) && item.length === undefined)
      issues.push(issue('CATALOG_FIELD_REQUIRED', { field: `${at}.length` }));
    if (item.isKey && item.keyKind === undefined)
      issues.push(issue('CATALOG_KEY_KIND_REQUIRED', { field: `${at}.keyKind` }));
    if (item.shareType !== undefined && strictness(item.shareType) < strictness(entry.share.type))
      issues.push(issue('CATALOG_ITEM_SHARE_LOOSER', { field: `${at}.shareType` }));
    const effective = item.shareType ?? entry.share.type;
    // R23: base items of a base resource are shared unconditionally, whatever the resource's type.
    if (entry.classification.catalog === 'base' && item.base && effective !== 'unconditional')
      issues.push(
        issue('CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', {
          field: item.shareType !== undefined ? `${at}.shareType` : 'share.type',
        }),
      );
  });
  return issues;
}

/** R110: nothing is opened to the public without the provider's consent or the disclosure scope. */
function openIssues(entry: EntryContent): ValidationIssue[] {
  if (!entry.open.toPublic || entry.classified || entry.open.basis) return [];
  return [issue('CATALOG_OPEN_BASIS_REQUIRED', { field: 'open.basis' })];
}

function shareIssues(entry: EntryContent, ctx: ValidationContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { share } = entry;
  if (share.type === 'conditional' && blank(share.conditions))
    issues.push(issue('CATALOG_SHARE_CONDITIONS_REQUIRED', { field: 'share.conditions' }));
  const rule = ctx.profile.shareTypes.legalBasis;
  // R20: the restriction that needs a basis may be the resource's or one item's own.
  const restricted = [share.type, ...entry.items.map((item) => item.shareType ?? share.type)].find((t) =>
    (rule.value.requiredFor as readonly string[]).includes(t),
  );
  if (restricted && share.legalBasis.length === 0) {
    issues.push(
      issue('CATALOG_LEGAL_BASIS_REQUIRED', {
        field: 'share.legalBasis',
        shareType: SHARE_LABELS[restricted].zh,
        article: rule.text,
      }),
    );
  }
  const allowed: readonly string[] = rule.value.allowed;
  share.legalBasis.forEach((basis, i) => {
    const at = `share.legalBasis[${i}]`;
    if (blank(basis.title)) issues.push(issue('CATALOG_FIELD_REQUIRED', { field: `${at}.title` }));
    if (blank(basis.article)) issues.push(issue('CATALOG_FIELD_REQUIRED', { field: `${at}.article` }));
    // A profile that names no kinds (Guangzhou says nothing) accepts any.
    if (allowed.length > 0 && !allowed.includes(basis.kind))
      issues.push(
        issue('CATALOG_LEGAL_BASIS_KIND_NOT_ALLOWED', {
          field: `${at}.kind`,
          kind: basis.kind,
          allowed: allowed.join(', '),
          article: rule.text,
        }),
      );
  });
  if (ctx.knownCodes) {
    entry.relatedCodes.forEach((code, i) => {
      if (!ctx.knownCodes?.has(code))
        issues.push(issue('CATALOG_RELATED_CODE_UNKNOWN', { field: `relatedCodes[${i}]`, code }));
    });
  }
  return issues;
}

/**
 * Refuses content with issues: the error is the first issue's own rule (its code, its `field`),
 * and carries the whole list as `issues` so that the caller can show every one.
 */
export function assertValid(issues: ValidationIssue[]): void {
  const [first] = issues;
  if (!first) return;
  throw new AppError(first.code, { ...(issueParams.get(first) ?? {}), field: first.field, issues });
}
