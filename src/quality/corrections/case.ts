import { isAllowed } from '../../org/index.js';
import { defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { CorrectionActions } from './policies.js';
import type { QualityCorrectionTable } from './schema.js';
import type { CorrectionAction, CorrectionStatus } from './schemas.js';

type Row = QualityCorrectionTable;

const target = (row: Row, side: 'consumer' | 'provider') => ({
  departmentId: row[`${side}_department_id`],
  jurisdictionPath: row[`${side}_jurisdiction_path`],
});

/** The department that filed: its own users (not an office above it), as filer or referring authority. */
const consumerHolds = (actor: Actor, row: Row): boolean =>
  actor.departmentId === row.consumer_department_id &&
  (isAllowed(actor, CorrectionActions['quality.correction.file'], target(row, 'consumer')) ||
    isAllowed(actor, CorrectionActions['quality.correction.route'], target(row, 'consumer')));

/** Whether the actor may see the request: its parties, the authority over either, auditors. */
export const canReadCorrection = (actor: Actor, row: Row): boolean =>
  isAllowed(actor, CorrectionActions['quality.correction.read'], target(row, 'consumer')) ||
  isAllowed(actor, CorrectionActions['quality.correction.read'], target(row, 'provider'));

/**
 * 校核申请 (809 第二十六条; Guangzhou Art.22; Neixiang Art.18; R80–R82) as a case on the kernel.
 * Channel provider: `filed`, the provider answers within `deadlines.correctionHandling`. Channel
 * authority: `checking`, the authority answers a technical cause itself (`resolve`) or forwards it
 * (`forward`), and the provider answers within `deadlines.correctionProviderCheck`. The provider
 * corrects (through the hosted-data write path), confirms the data right (核实无误) or rejects
 * with reasons; the consumer may withdraw while the request is open.
 */
export const CorrectionCase = defineCase<
  Actor,
  Row,
  CorrectionStatus,
  CorrectionAction,
  'consumer' | 'provider' | 'authority'
>({
  type: 'verification',
  auditPrefix: 'quality.correction',
  table: 'quality_correction',
  touch: 'updated_at',
  targetType: 'quality_correction',
  numberPrefix: 'JH',
  errors: { notFound: 'CORRECTION_NOT_FOUND', invalidState: 'CORRECTION_INVALID_STATE' },
  opening: {
    action: 'file',
    by: ['consumer', 'authority'],
    label: { zh: '提出校核申请', en: 'filed' },
  },
  statuses: {
    filed: { zh: '待提供部门核实', en: 'awaiting the provider' },
    checking: { zh: '主管部门核查中', en: 'checked by the authority' },
    forwarded: { zh: '已转提供部门核查', en: 'forwarded to the provider' },
    corrected: { zh: '已更正', en: 'corrected' },
    confirmed: { zh: '核实无误', en: 'confirmed correct' },
    rejected: { zh: '不予更正', en: 'rejected' },
    resolved: { zh: '主管部门已处理', en: 'resolved by the authority' },
    withdrawn: WITHDRAWN,
  },
  deadlines: [
    {
      label: { zh: '校核处理期限', en: 'Handling period' },
      profileFields: ['deadlines.correctionHandling'],
      runsIn: ['filed', 'checking'],
    },
    {
      label: { zh: '提供部门核查期限', en: 'Provider check period' },
      profileFields: ['deadlines.correctionProviderCheck'],
      runsIn: ['forwarded'],
    },
  ],
  roles: {
    consumer: { permission: CorrectionActions['quality.correction.file'], holds: consumerHolds },
    provider: {
      permission: CorrectionActions['quality.correction.answer'],
      holds: (actor, row) =>
        actor.departmentId === row.provider_department_id &&
        isAllowed(actor, CorrectionActions['quality.correction.answer'], target(row, 'provider')),
    },
    authority: {
      permission: CorrectionActions['quality.correction.route'],
      holds: (actor, row) =>
        isAllowed(actor, CorrectionActions['quality.correction.route'], target(row, 'provider')),
    },
  },
  actions: {
    forward: {
      by: 'authority',
      from: ['checking'],
      to: 'forwarded',
      label: { zh: '转提供部门核查', en: 'forwarded' },
    },
    resolve: {
      by: 'authority',
      from: ['checking'],
      to: 'resolved',
      label: { zh: '主管部门处理（技术性原因）', en: 'resolved' },
    },
    correct: {
      by: 'provider',
      from: ['filed', 'forwarded'],
      to: 'corrected',
      label: { zh: '更正数据', en: 'corrected' },
    },
    confirm: {
      by: 'provider',
      from: ['filed', 'forwarded'],
      to: 'confirmed',
      label: { zh: '核实无误', en: 'confirmed' },
    },
    reject: {
      by: 'provider',
      from: ['filed', 'forwarded'],
      to: 'rejected',
      label: { zh: '不予更正', en: 'rejected' },
    },
    withdraw: withdrawal('consumer', ['filed', 'checking', 'forwarded']),
  },
  canRead: canReadCorrection,
});
