export {
  type AttachmentContent,
  type AttachmentListed,
  CASE_ATTACHMENT,
  CaseAttachmentBody,
  type CaseAttachmentInput,
  CaseAttachments,
  type CheckedAttachment,
  checkAttachment,
  sendAttachment,
} from './attachments.js';
export { type BreachColumns, flaggedBreaches } from './breaches.js';
export {
  type Breach,
  type CaseAction,
  type CaseActorBase,
  type CaseDeclaration,
  type CaseRole,
  type CaseRowBase,
  type CaseType,
  defineCase,
  type Label,
  WITHDRAWN,
  withdrawal,
} from './declare.js';
export {
  type CaseAuditEntry,
  CaseKernel,
  type CasePorts,
  type CaseStepper,
  type CaseTimelineEntry,
  type CaseView,
  type StepEffect,
  type StepOutcome,
  type StepScope,
} from './kernel.js';
export {
  type CaseTypeDescription,
  CaseTypeRegistry,
  caseTypeRoutes,
  describeBody,
  type StepFieldDescription,
} from './registry.js';
export {
  type CaseOpening,
  type CaseStep,
  type CaseStepRoutesOptions,
  caseStepRoutes,
  NoteBody,
} from './routes.js';
export {
  CaseRules,
  type CaseRulesTables,
  canonicalJson,
  caseRulesMigrations,
  type GoverningProfile,
  GoverningProfileSchema,
  profileDigest,
} from './rules.js';
