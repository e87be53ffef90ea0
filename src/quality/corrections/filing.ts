import type { Kysely } from 'kysely';
import type { HostedResource } from '../../exchange/index.js';
import { authorize } from '../../org/index.js';
import { CaseAttachments } from '../../platform/cases/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { ACCESS_METHODS, type NoticeInput, PURPOSES, type SharingCaseKernel } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { CorrectionCase } from './case.js';
import { CorrectionErrors } from './errors.js';
import { checkAttachments, checkClaims, required } from './input.js';
import { CorrectionNotices } from './notices.js';
import { CorrectionActions } from './policies.js';
import type { CorrectionTables, QualityCorrectionTable } from './schema.js';
import type { FileCorrectionInput } from './schemas.js';

/** Where the deadline service keeps a request's period. */
export const DEADLINE_SUBJECT = 'quality.correction';
/** The evidence a request carries, kept beside it. */
export const CORRECTION_ATTACHMENTS = new CaseAttachments('quality_correction_attachment', 'correction_id');

const tables = (executor: Executor) => executor as unknown as Kysely<CorrectionTables>;

/** The channel a profile routes requests through: `not_specified` reads as the provider (第二十六条). */
export function channelOf(profile: Profile): {
  channel: 'provider' | 'authority';
  article: string | null;
  text: string;
} {
  const { value, article, text } = profile.correction.channel;
  return { channel: value === 'authority' ? 'authority' : 'provider', article, text };
}

/**
 * Whether the consumer department holds a grant on the resource it may read now, whatever its
 * purpose and method (a request is about the data received, not how): the grant's items, or the
 * refusal of the last question asked.
 */
async function grantedItems(
  deps: QualityDeps,
  departmentId: string,
  entryId: string,
): Promise<Set<string> | AppError> {
  let refusal: AppError = CorrectionErrors.error('CORRECTION_NO_GRANT', { reason: 'GRANT_MISSING' });
  const at = deps.clock.now();
  for (const purpose of PURPOSES)
    for (const method of ACCESS_METHODS) {
      const answer = await deps.sharing.grants.check({
        consumerDepartmentId: departmentId,
        entryId,
        items: [],
        purpose,
        method,
        at,
      });
      if (answer.allowed) return new Set(answer.grant.items);
      refusal = CorrectionErrors.error('CORRECTION_NO_GRANT', {
        reason: answer.error.code,
        field: 'entryId',
      });
      // Missing, revoked, expired, suspended or not yet valid: no other purpose or method helps.
      if (!['GRANT_PURPOSE_MISMATCH', 'GRANT_METHOD_NOT_ALLOWED'].includes(answer.error.code)) return refusal;
    }
  return refusal;
}

/** The party that owes the answer, as a notice recipient. */
export function ownerOf(row: QualityCorrectionTable): NoticeInput['to'] {
  return row.status === 'checking'
    ? { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path }
    : { departmentId: row.provider_department_id, role: 'resource_admin' };
}

/**
 * Files a request (see `CorrectionService.file`). Refusals of who may file are audited as denied
 * before they are thrown.
 */
export async function fileCorrection(
  deps: QualityDeps,
  kernel: SharingCaseKernel,
  ctx: RequestContext,
  input: FileCorrectionInput,
  options: { conflictId?: string | undefined },
  denied: (ctx: RequestContext, targetId: string, error: unknown) => Promise<never>,
): Promise<string> {
  const { actor } = ctx;
  const resource = await deps.exchange.hosting.resource(input.entryId);
  if (!resource)
    throw CorrectionErrors.error('CORRECTION_NOT_HOSTED', { entryId: input.entryId, field: 'entryId' });
  const provider = resource.provider;
  let visible: Set<string> | 'all' = 'all';
  try {
    if (options.conflictId !== undefined)
      authorize(actor, CorrectionActions['quality.correction.route'], provider);
    else {
      authorize(actor, CorrectionActions['quality.correction.file'], { departmentId: actor.departmentId });
      if (provider.departmentId === actor.departmentId)
        throw CorrectionErrors.error('CORRECTION_OWN_RESOURCE', { field: 'entryId' });
      const granted = await grantedItems(deps, actor.departmentId, resource.entry.id);
      if (granted instanceof AppError) throw granted;
      visible = granted;
    }
  } catch (error) {
    return denied(ctx, resource.entry.id, error);
  }
  const description = required(input.description, { zh: '申请说明', en: 'description' }, 'description');
  const claims = input.scope === 'records' ? (input.records ?? []) : [];
  if ((input.scope === 'records') !== claims.length > 0)
    throw CorrectionErrors.error('CORRECTION_RECORDS_REQUIRED', { field: 'records' });
  const stored = checkClaims(resource, claims, visible, deps.dialect);
  const attachments = checkAttachments(input.attachments ?? []);
  const row = await newRow(deps, actor, resource, { ...input, description }, stored, options.conflictId);
  const handling = deps.profile.deadlines;
  const period =
    row.deadline_kind === 'handling' ? handling.correctionHandling : handling.correctionProviderCheck;
  const keys = [...new Set(stored.map((c) => c.canonical))];
  const opened = await kernel.open(CorrectionCase, ctx, row, async ({ trx, today, at }) => {
    for (let i = 0; i < keys.length; i += 200)
      await tables(trx)
        .insertInto('quality_correction_mark')
        .values(
          keys
            .slice(i, i + 200)
            .map((record_key) => ({ correction_id: row.id, entry_id: row.entry_id, record_key })),
        )
        .execute();
    for (const a of attachments) await CORRECTION_ATTACHMENTS.add(trx, row.id, a, at);
    let due: string | null = null;
    if (period?.value !== null && period?.value !== undefined) {
      const deadline = await deps.deadlines.set(
        {
          subjectType: DEADLINE_SUBJECT,
          subjectId: row.id,
          start: today,
          amount: period.value,
          unit: period.unit,
          article: period.article,
        },
        trx,
      );
      due = deadline.dueDate;
    }
    const article = period?.article ?? period?.text ?? '—';
    const params = { entry: row.entry_name, consumer: row.consumer_name, due, article };
    const forwarded = row.status === 'forwarded';
    const kind = forwarded
      ? due
        ? 'correction.forwarded'
        : 'correction.forwarded_no_period'
      : due
        ? 'correction.received'
        : 'correction.received_no_period';
    return {
      set: { due_date: due, due_article: period?.article ?? null },
      detail: {
        entryCode: row.entry_code,
        scope: row.scope,
        records: stored.length,
        attachments: attachments.map((a) => ({ name: a.name, digest: a.digest, size: a.size })),
        channel: row.channel,
        dueDate: due,
        article: period?.article ?? null,
        conflictId: row.conflict_id,
      },
      notices: [
        {
          to: ownerOf(row),
          ...CorrectionNotices.notice(kind, { ...params, number: '' }),
          link: `/cases/verification/${row.id}`,
          case: { type: 'verification', id: row.id },
        },
      ],
    };
  });
  return opened.id;
}

async function newRow(
  deps: QualityDeps,
  actor: Actor,
  resource: HostedResource,
  input: FileCorrectionInput,
  claims: ReturnType<typeof checkClaims>,
  conflictId: string | undefined,
): Promise<QualityCorrectionTable> {
  const consumer = await deps.departments(deps.db, actor.departmentId);
  const provider = await deps.departments(deps.db, resource.provider.departmentId);
  const routing = channelOf(deps.profile);
  // A referral from a conflict case has been checked by the authority already: it goes to the provider.
  const status =
    routing.channel === 'authority' ? (conflictId !== undefined ? 'forwarded' : 'checking') : 'filed';
  const now = deps.clock.now();
  const at = now.toISOString();
  return {
    id: newId(now),
    number: '',
    status,
    entry_id: resource.entry.id,
    entry_code: resource.entry.code,
    entry_name: resource.entry.name,
    consumer_department_id: actor.departmentId,
    consumer_jurisdiction_path: consumer?.jurisdictionPath ?? actor.jurisdictionPath,
    consumer_name: consumer?.name ?? actor.departmentId,
    provider_department_id: resource.provider.departmentId,
    provider_jurisdiction_path: resource.provider.jurisdictionPath,
    provider_name: provider?.name ?? resource.provider.departmentId,
    scope: input.scope,
    records: JSON.stringify(claims),
    description: input.description,
    channel: routing.channel,
    channel_article: routing.article,
    written: deps.profile.correction.written.value ? 1 : 0,
    conflict_id: conflictId ?? null,
    filed_by: actor.id,
    filed_by_name: actedBy(actor).name,
    deadline_kind: status === 'forwarded' ? 'providerCheck' : 'handling',
    due_date: null,
    due_article: null,
    overdue_at: null,
    claimed_at: null,
    decided_by: null,
    decided_by_name: null,
    decided_department_id: null,
    decided_at: null,
    decision_note: null,
    decision_reason: null,
    first_seq: null,
    last_seq: null,
    items_changed: null,
    readers_noticed: 0,
    created_at: at,
    updated_at: at,
  };
}
