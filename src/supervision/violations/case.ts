import { isAllowed } from '../../org/index.js';
import { defineCase } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { ViolationActions } from './policies.js';
import type { SupervisionViolationTable, ViolationAction, ViolationStatus } from './schema.js';

type Row = SupervisionViolationTable;

const respondent = (row: Row) => ({
  departmentId: row.respondent_department_id,
  jurisdictionPath: row.respondent_jurisdiction_path,
});

/** Whether the actor may see the case: the authority over the respondent, the respondent, operator and auditor. */
export const canReadViolation = (actor: Actor, row: Row): boolean =>
  isAllowed(actor, ViolationActions['supervision.violation.read'], respondent(row)) ||
  (actor.departmentId === row.respondent_department_id &&
    isAllowed(actor, ViolationActions['supervision.violation.rectify'], respondent(row)));

/**
 * The competent authority over the respondent's jurisdiction (809 第三十九条、第四十条: 同级政务数据共享
 * 主管部门责令改正), never over its own department: a case against the authority (第四十一条) is
 * the government's or the authority above's.
 */
export const authorityHolds = (
  actor: Actor,
  row: Pick<Row, 'respondent_department_id' | 'respondent_jurisdiction_path'>,
): boolean =>
  actor.departmentId !== row.respondent_department_id &&
  isAllowed(actor, ViolationActions['supervision.violation.handle'], {
    departmentId: row.respondent_department_id,
    jurisdictionPath: row.respondent_jurisdiction_path,
  });

/**
 * 违规事项 (issue 17; R114, N20, N25) as a case on the kernel: opened (立案) by the authority or by the
 * platform's daily job from its own records; the authority orders rectification (责令限期整改) with
 * a due date from the profile's period on the working-day calendar; the respondent reports its
 * rectification; the authority accepts it (办结) or finds it not done (a follow-up order, back to
 * `ordered`); or dismisses the case with reasons. An ordered or closed case may be published as a
 * circular (通报, N20): a step that leaves the state.
 */
export const ViolationCase = defineCase<
  Actor,
  Row,
  ViolationStatus,
  ViolationAction,
  'authority' | 'respondent'
>({
  type: 'violation',
  auditPrefix: 'supervision.violation',
  table: 'supervision_violation',
  touch: 'updated_at',
  targetType: 'supervision_violation',
  numberPrefix: 'WG',
  errors: { notFound: 'VIOLATION_NOT_FOUND', invalidState: 'VIOLATION_INVALID_STATE' },
  opening: { action: 'open', by: 'authority', label: { zh: '立案', en: 'opened' } },
  statuses: {
    open: { zh: '已立案', en: 'opened' },
    ordered: { zh: '责令整改中', en: 'rectification ordered' },
    rectified: { zh: '整改已报告，待验收', en: 'rectification reported' },
    closed: { zh: '整改通过，已办结', en: 'closed' },
    dismissed: { zh: '不构成违规，已撤销', en: 'dismissed' },
  },
  deadlines: [
    {
      label: { zh: '整改期限', en: 'Rectification period' },
      profileFields: ['violations.rectification'],
      runsIn: ['ordered'],
    },
  ],
  roles: {
    authority: { permission: ViolationActions['supervision.violation.handle'], holds: authorityHolds },
    respondent: {
      permission: ViolationActions['supervision.violation.rectify'],
      holds: (actor, row) =>
        actor.departmentId === row.respondent_department_id &&
        isAllowed(actor, ViolationActions['supervision.violation.rectify'], respondent(row)),
    },
  },
  actions: {
    order: {
      by: 'authority',
      from: ['open'],
      to: 'ordered',
      label: { zh: '责令整改', en: 'ordered to rectify' },
    },
    report: {
      by: 'respondent',
      from: ['ordered'],
      to: 'rectified',
      label: { zh: '报告整改情况', en: 'reported' },
    },
    accept: {
      by: 'authority',
      from: ['rectified'],
      to: 'closed',
      label: { zh: '整改验收通过', en: 'accepted' },
    },
    reject: {
      by: 'authority',
      from: ['rectified'],
      to: 'ordered',
      label: { zh: '整改不到位，继续整改', en: 'not accepted' },
    },
    dismiss: {
      by: 'authority',
      from: ['open', 'ordered'],
      to: 'dismissed',
      label: { zh: '撤销（不构成违规）', en: 'dismissed' },
    },
    publish: { by: 'authority', from: ['ordered', 'closed'], label: { zh: '发布通报', en: 'published' } },
  },
  canRead: canReadViolation,
});
