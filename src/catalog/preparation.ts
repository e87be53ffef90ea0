import { createHash } from 'node:crypto';
import { type AccountableLookup, headSigner, isAllowed, isHeadOrOfficer } from '../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId } from '../platform/db/index.js';
import { CommonErrors } from '../platform/errors/index.js';
import { CatalogErrors } from './errors.js';
import type { EntryContent } from './model.js';
import { CatalogActions } from './policies.js';
import type { CatalogPreparationTable } from './schema.js';
import type { CatalogServiceDeps } from './service.js';
import { type CatalogDb, type EntryRow, entryRow, tables, type VersionRow, versionRow } from './store.js';
import { isEntryVisible } from './visibility.js';

/**
 * 809 第十三条第一款 (N02): before a department submits an entry, 保密风险评估 and (where the entry has
 * personal items) 个人信息保护影响评估 are recorded, and the department's 负责人 approves. The head is
 * the sharing office's head recorded under 第十一条 (org's `accountable`).
 */
export const ASSESSMENT_KINDS = ['secrecy_risk', 'personal_info_impact'] as const;
export const PREPARATION_KINDS = [...ASSESSMENT_KINDS, 'head_approval'] as const;
export type PreparationKind = (typeof PREPARATION_KINDS)[number];
export const ASSESSMENT_RESULTS = ['passed', 'passed_with_measures', 'failed'] as const;
export const APPROVAL_RESULTS = ['approved', 'refused'] as const;

const KIND_LABELS: Record<PreparationKind, { zh: string; en: string }> = {
  secrecy_risk: { zh: '保密风险评估', en: 'secrecy-risk assessment' },
  personal_info_impact: { zh: '个人信息保护影响评估', en: 'personal-information impact assessment' },
  head_approval: { zh: '部门负责人审核同意', en: "the department head's approval" },
};

export interface PreparationRecord {
  id: string;
  kind: PreparationKind;
  result: string;
  reference: string | null;
  summary: string;
  /** The head's name where the sharing officer recorded the head's written approval. */
  onBehalfOf: string | null;
  recordedBy: { id: string; name: string };
  at: string;
  version: number;
  /** Whether it judged the content as it stands now (an edit afterwards needs it again). */
  current: boolean;
}

export interface PreparationStatus {
  /** What is judged: the head reads it here even where the draft is not otherwise visible to it. */
  entry: { id: string; code: string; name: string; currentStatus: string; content: EntryContent };
  /** Whether the profile asks for it (national: 第十三条). */
  required: boolean;
  article: string | null;
  personalItems: boolean;
  head: { name: string; title: string; hasAccount: boolean } | null;
  /** What the actor may record now. */
  canAssess: boolean;
  canApprove: boolean;
  records: PreparationRecord[];
  /** What the current content still lacks before it may be submitted. */
  missing: PreparationKind[];
}

export interface PreparationInput {
  kind: PreparationKind;
  result: string;
  reference?: string | undefined;
  summary: string;
}

/** `DepartmentService.accountable` (org's `AccountableLookup`), as the catalog service receives it. */
export type { AccountableLookup };

export function contentDigest(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

const blank = (v: string | undefined | null) => v === undefined || v === null || v.trim() === '';

export class Preparations {
  constructor(
    private readonly deps: Pick<CatalogServiceDeps, 'db' | 'audit' | 'clock' | 'profile' | 'dialect'>,
    private readonly accountable: AccountableLookup,
  ) {}

  get required(): boolean {
    return this.deps.profile.catalogPreparation?.assessments?.value === true;
  }

  async status(actor: Actor, entryId: string): Promise<PreparationStatus> {
    const row = await entryRow(this.deps.db, entryId);
    const roster = await this.accountable(row.provider_department_id, this.deps.db);
    const { head } = roster;
    if (!isEntryVisible(actor, row) && !isHeadOrOfficer(actor, row.provider_department_id, roster))
      throw CatalogErrors.error('CATALOG_NOT_FOUND', { id: entryId });
    const current = await versionRow(this.deps.db, entryId, row.current_version);
    const records = await this.#records(this.deps.db, row, current);
    const manages = isAllowed(actor, CatalogActions['catalog.manage'], target(row));
    const editable = current.status === 'draft' || current.status === 'returned';
    return {
      entry: {
        id: row.id,
        code: row.code,
        name: row.name,
        currentStatus: row.current_status,
        content: JSON.parse(current.content) as EntryContent,
      },
      required: this.required,
      article: this.deps.profile.catalogPreparation?.assessments?.article ?? null,
      personalItems: hasPersonalItems(current),
      head: head ? { name: head.name, title: head.title, hasAccount: head.userId !== null } : null,
      canAssess: editable && manages,
      canApprove: editable && headSigner(actor, row.provider_department_id, roster) !== null,
      records,
      missing: missingOf(records, current),
    };
  }

  async record(rc: RequestContext, entryId: string, input: PreparationInput): Promise<PreparationRecord> {
    const { actor } = rc;
    const stored = await this.deps.db.transaction().execute(async (trx) => {
      const row = await entryRow(trx, entryId, this.deps.dialect === 'postgres');
      const roster = await this.accountable(row.provider_department_id, trx);
      if (!isEntryVisible(actor, row) && !isHeadOrOfficer(actor, row.provider_department_id, roster))
        throw CatalogErrors.error('CATALOG_NOT_FOUND', { id: entryId });
      const current = await versionRow(trx, entryId, row.current_version);
      if (current.status !== 'draft' && current.status !== 'returned')
        throw CatalogErrors.error('CATALOG_INVALID_STATE', {
          status: current.status,
          action: KIND_LABELS[input.kind],
        });
      let onBehalfOf: string | null = null;
      if (input.kind === 'head_approval') {
        if (!(APPROVAL_RESULTS as readonly string[]).includes(input.result))
          throw CatalogErrors.error('CATALOG_FIELD_INVALID', { field: 'result', reason: input.result });
        const { head } = roster;
        if (!head) throw CatalogErrors.error('CATALOG_HEAD_NOT_RECORDED');
        // A head without an account approves in writing; the sharing officer records it, with its reference.
        const signer = headSigner(actor, row.provider_department_id, roster);
        if (!signer) throw CatalogErrors.error('CATALOG_NOT_HEAD', { head: head.name });
        if (input.result === 'approved') {
          // The head approves what was assessed: the assessments come first.
          const pending = missingOf(await this.#records(trx, row, current), current).filter(
            (k) => k !== 'head_approval',
          );
          if (pending.length > 0)
            throw CatalogErrors.error('CATALOG_PREPARATION_MISSING', {
              field: 'preparation',
              missing: pending.map((k) => KIND_LABELS[k].zh).join('、'),
              missingEn: pending.map((k) => KIND_LABELS[k].en).join(', '),
              kinds: pending,
            });
        }
        if (signer === 'officer') {
          if (blank(input.reference))
            throw CatalogErrors.error('CATALOG_APPROVAL_REFERENCE_REQUIRED', { field: 'reference' });
          onBehalfOf = head.name;
        }
      } else {
        if (!isAllowed(actor, CatalogActions['catalog.manage'], target(row)))
          throw CommonErrors.error('FORBIDDEN', { action: CatalogActions['catalog.manage'] });
        if (!(ASSESSMENT_RESULTS as readonly string[]).includes(input.result))
          throw CatalogErrors.error('CATALOG_FIELD_INVALID', { field: 'result', reason: input.result });
        if (input.kind === 'personal_info_impact' && !hasPersonalItems(current))
          throw CatalogErrors.error('CATALOG_ASSESSMENT_NOT_NEEDED');
      }
      const now = this.deps.clock.now();
      const recordId = newId(now);
      const values: CatalogPreparationTable = {
        id: recordId,
        entry_id: entryId,
        seq: await nextSeq(trx, entryId),
        version: current.version,
        content_digest: contentDigest(current.content),
        kind: input.kind,
        result: input.result,
        reference: blank(input.reference) ? null : (input.reference as string),
        summary: input.summary,
        on_behalf_of: onBehalfOf,
        recorded_by: actor.id,
        recorded_by_name: actedBy(actor).name,
        at: now.toISOString(),
      };
      await trx.insertInto('catalog_preparation').values(values).execute();
      await this.deps.audit.record(trx, rc, {
        action: `catalog.preparation.${input.kind}`,
        targetType: 'catalog_entry',
        targetId: entryId,
        detail: {
          code: row.code,
          version: current.version,
          result: input.result,
          reference: values.reference,
          onBehalfOf,
        },
      });
      return values;
    });
    return { ...toRecord(stored), current: true };
  }

  /** Refuses a submission whose content lacks what 第十三条 asks, naming every missing step. */
  async requireReady(trx: CatalogDb, row: EntryRow, current: VersionRow): Promise<void> {
    if (!this.required) return;
    const missing = missingOf(await this.#records(trx, row, current), current);
    if (missing.length === 0) return;
    throw CatalogErrors.error('CATALOG_PREPARATION_MISSING', {
      field: 'preparation',
      missing: missing.map((k) => KIND_LABELS[k].zh).join('、'),
      missingEn: missing.map((k) => KIND_LABELS[k].en).join(', '),
      kinds: missing,
    });
  }

  /** Records made outside the platform, carried in with seeded data (the demo), in its transaction. */
  async seed(
    executor: Executor,
    entryId: string,
    who: { id: string; name: string },
    records: Array<{
      kind: PreparationKind;
      result: string;
      reference: string;
      summary: string;
      onBehalfOf?: string;
    }>,
  ): Promise<void> {
    const trx = tables(executor);
    const row = await entryRow(trx, entryId);
    const current = await versionRow(trx, entryId, row.current_version);
    const at = this.deps.clock.now();
    for (const r of records)
      await trx
        .insertInto('catalog_preparation')
        .values({
          id: newId(at),
          entry_id: entryId,
          seq: await nextSeq(trx, entryId),
          version: current.version,
          content_digest: contentDigest(current.content),
          kind: r.kind,
          result: r.result,
          reference: r.reference,
          summary: r.summary,
          on_behalf_of: r.onBehalfOf ?? null,
          recorded_by: who.id,
          recorded_by_name: who.name,
          at: at.toISOString(),
        })
        .execute();
  }

  async #records(executor: CatalogDb, row: EntryRow, current: VersionRow): Promise<PreparationRecord[]> {
    const digest = contentDigest(current.content);
    const rows = await executor
      .selectFrom('catalog_preparation')
      .selectAll()
      .where('entry_id', '=', row.id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      ...toRecord(r),
      current: r.version === current.version && r.content_digest === digest,
    }));
  }
}

function toRecord(r: CatalogPreparationTable): Omit<PreparationRecord, 'current'> {
  return {
    id: r.id,
    kind: r.kind as PreparationKind,
    result: r.result,
    reference: r.reference,
    summary: r.summary,
    onBehalfOf: r.on_behalf_of,
    recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
    at: r.at,
    version: r.version,
  };
}

/** The entry's row is locked by the caller's transaction (or SQLite's single writer). */
async function nextSeq(trx: CatalogDb, entryId: string): Promise<number> {
  const last = await trx
    .selectFrom('catalog_preparation')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

function target(row: EntryRow) {
  return { departmentId: row.provider_department_id, jurisdictionPath: row.jurisdiction_path };
}

function hasPersonalItems(current: VersionRow): boolean {
  return (JSON.parse(current.content) as EntryContent).items.some((item) => item.personal);
}

/**
 * What the current content still needs: each assessment recorded with a result other than failed,
 * and the head's approval as the latest word on it (a refusal stands until the head approves).
 */
function missingOf(records: PreparationRecord[], current: VersionRow): PreparationKind[] {
  const latest = new Map<PreparationKind, PreparationRecord>();
  for (const r of records) if (r.current) latest.set(r.kind, r);
  const needed: PreparationKind[] = ['secrecy_risk'];
  if (hasPersonalItems(current)) needed.push('personal_info_impact');
  needed.push('head_approval');
  return needed.filter((kind) => {
    const r = latest.get(kind);
    if (!r) return true;
    return kind === 'head_approval' ? r.result !== 'approved' : r.result === 'failed';
  });
}
