import { isAllowed } from '../../org/index.js';
import { type CaseRole, defineCase } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { SourceActions } from './policies.js';
import type {
  ConflictStatus,
  DuplicateStatus,
  QualityConflictTable,
  QualityDuplicateTable,
} from './schema.js';

/** The competent authority over the designation's jurisdiction: it decides flags and conflicts. */
const authority = <Row extends { jurisdiction_path: string }>(): CaseRole<Actor, Row> => ({
  permission: SourceActions['quality.source.manage'],
  holds: (actor, row) =>
    isAllowed(actor, SourceActions['quality.source.manage'], { jurisdictionPath: row.jurisdiction_path }),
});

/** A department the case is about, through its own resource administrators. */
const party = (actor: Actor, departmentId: string, jurisdictionPath: string): boolean =>
  isAllowed(actor, SourceActions['quality.source.case.read'], { departmentId, jurisdictionPath });

/**
 * 重复采集 (809 第四十条(一), R77) as a case: the platform flags a department's entry that
 * catalogs an item a designated source provides; the authority decides that the department uses
 * the source's resource, or records why its own collection is lawful (with the legal basis).
 */
export const DuplicateCase = defineCase<
  Actor,
  QualityDuplicateTable,
  DuplicateStatus,
  'use_source' | 'lawful',
  'authority'
>({
  type: 'source_duplicate',
  auditPrefix: 'quality.source.duplicate',
  table: 'quality_source_duplicate',
  touch: 'updated_at',
  numberPrefix: 'CF',
  errors: { notFound: 'SOURCE_DUPLICATE_NOT_FOUND', invalidState: 'SOURCE_DUPLICATE_INVALID_STATE' },
  opening: { action: 'flag', by: 'authority', label: { zh: '发现重复采集', en: 'flagged' } },
  statuses: {
    flagged: { zh: '待认定', en: 'flagged' },
    use_source: { zh: '改用数源数据', en: 'use the source' },
    lawful: { zh: '依法采集', en: 'lawful collection' },
  },
  roles: { authority: authority<QualityDuplicateTable>() },
  actions: {
    use_source: {
      by: 'authority',
      from: ['flagged'],
      to: 'use_source',
      label: { zh: '责令改用数源数据', en: 'told to use the source' },
    },
    lawful: {
      by: 'authority',
      from: ['flagged'],
      to: 'lawful',
      label: { zh: '认定依法采集', en: 'recorded as lawful' },
    },
  },
  canRead: (actor, row) =>
    isAllowed(actor, SourceActions['quality.source.manage'], { jurisdictionPath: row.jurisdiction_path }) ||
    party(actor, row.department_id, row.department_jurisdiction_path),
});

/**
 * 数据冲突 (R78 多元校核, R79) as a case: the comparison job opens it with the differing records;
 * the authority decides which side is wrong and refers it to that side as a verification request
 * (`referred`), and the case is resolved when that request is closed, or directly with a note.
 */
export const ConflictCase = defineCase<
  Actor,
  QualityConflictTable,
  ConflictStatus,
  'refer' | 'resolve' | 'close_referral',
  'authority'
>({
  type: 'source_conflict',
  auditPrefix: 'quality.source.conflict',
  table: 'quality_source_conflict',
  touch: 'updated_at',
  numberPrefix: 'CT',
  errors: { notFound: 'SOURCE_CONFLICT_NOT_FOUND', invalidState: 'SOURCE_CONFLICT_INVALID_STATE' },
  opening: { action: 'detect', by: 'authority', label: { zh: '比对发现冲突', en: 'detected' } },
  statuses: {
    open: { zh: '待处理', en: 'open' },
    referred: { zh: '已转校核', en: 'referred' },
    resolved: { zh: '已办结', en: 'resolved' },
  },
  roles: { authority: authority<QualityConflictTable>() },
  actions: {
    refer: {
      by: 'authority',
      from: ['open'],
      to: 'referred',
      label: { zh: '转校核', en: 'referred for verification' },
    },
    resolve: {
      by: 'authority',
      from: ['open', 'referred'],
      to: 'resolved',
      label: { zh: '办结', en: 'resolved' },
    },
    close_referral: {
      by: 'authority',
      from: ['referred'],
      to: 'resolved',
      label: { zh: '校核办结', en: 'resolved by the verification' },
    },
  },
  canRead: (actor, row) =>
    isAllowed(actor, SourceActions['quality.source.manage'], { jurisdictionPath: row.jurisdiction_path }) ||
    party(actor, row.source_department_id, row.source_jurisdiction_path) ||
    party(actor, row.other_department_id, row.other_jurisdiction_path),
});
