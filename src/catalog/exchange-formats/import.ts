import type { AuditTrail } from '../../audit/index.js';
import type { DepartmentService } from '../../org/index.js';
import { authorize } from '../../org/index.js';
import type { NetworkZone } from '../../platform/config/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { isUniqueViolation } from '../codes.js';
import { CatalogActions } from '../policies.js';
import type { CatalogService } from '../service.js';
import type { CatalogDb } from '../store.js';
import { type AssembledResource, assemble } from './assemble.js';
import { checkResource } from './check.js';
import { byPosition, type ImportProblem } from './problems.js';
import { readCsv, readWorkbook, type SourceKind } from './read.js';
import type { ImportReportStore } from './report-store.js';

export interface CatalogImportDeps {
  db: CatalogDb;
  catalog: Pick<CatalogService, 'createDraft'>;
  departments: Pick<DepartmentService, 'get'>;
  audit: AuditTrail;
  profile: Profile;
  networkZone: NetworkZone;
  reports: ImportReportStore;
}

/** Where an import is, for the progress stream: rows read, resources checked, drafts being created. */
export type ImportProgress =
  | { phase: 'read'; rows: number }
  | { phase: 'validate'; done: number; total: number }
  | { phase: 'create'; total: number };

export interface ImportProvider {
  id: string;
  jurisdictionPath: string;
}

export type ImportOutcome =
  | { ok: true; created: { id: string; code: string; name: string }[]; items: number }
  | { ok: false; reportId: string; problems: ImportProblem[] };

/**
 * Imports a department's catalog from the filing template (xlsx) or its CSV: every row is read
 * and every resource checked at submit strength, and unless the whole file is clean nothing is
 * created. A clean file becomes drafts in one transaction, with the import's own audit entry.
 */
export class CatalogImporter {
  constructor(private readonly deps: CatalogImportDeps) {}

  /**
   * The department the import catalogs for: the actor's own, or one it names that it may manage.
   * Checked before the file is read, so that a refusal is an HTTP error even on the progress stream.
   */
  async provider(rc: RequestContext, providerDepartmentId?: string): Promise<ImportProvider> {
    const provider = await this.deps.departments.get(
      undefined,
      providerDepartmentId ?? rc.actor.departmentId,
    );
    authorize(rc.actor, CatalogActions['catalog.manage'], {
      departmentId: provider.id,
      jurisdictionPath: provider.jurisdictionPath,
    });
    return { id: provider.id, jurisdictionPath: provider.jurisdictionPath };
  }

  async run(
    rc: RequestContext,
    provider: ImportProvider,
    file: { data: Buffer; kind: SourceKind },
    onProgress: (progress: ImportProgress) => void = () => {},
  ): Promise<ImportOutcome> {
    const read = file.kind === 'csv' ? readCsv : readWorkbook;
    const sheets = await read(file.data, (rows) => onProgress({ phase: 'read', rows }));
    const { resources, problems } = assemble(sheets, file.kind);
    problems.push(...(await this.#check(resources, onProgress)));
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
    const detail = { kind: file.kind, bytes: file.data.length, rows, resources: resources.length };

    if (problems.length > 0) {
      problems.sort(byPosition);
      const report = await this.deps.reports.save(
        {
          actorId: rc.actor.id,
          providerDepartmentId: provider.id,
          providerJurisdictionPath: provider.jurisdictionPath,
          kind: file.kind,
          problems,
        },
        file.data,
      );
      await this.deps.audit.record(this.deps.db, rc, {
        action: 'catalog.import',
        targetType: 'department',
        targetId: provider.id,
        outcome: 'failure',
        detail: { ...detail, errors: problems.length, reportId: report.id },
      });
      return { ok: false, reportId: report.id, problems };
    }

    onProgress({ phase: 'create', total: resources.length });
    const created = await this.#create(rc, provider.id, resources, detail);
    return {
      ok: true,
      created,
      items: resources.reduce((n, r) => n + (r.content.items as unknown[]).length, 0),
    };
  }

  async #check(
    resources: AssembledResource[],
    onProgress: (progress: ImportProgress) => void,
  ): Promise<ImportProblem[]> {
    const knownCodes = await this.#knownCodes(resources);
    const ctx = {
      stage: 'submit' as const,
      profile: this.deps.profile,
      networkZone: this.deps.networkZone,
      knownCodes,
    };
    const out: ImportProblem[] = [];
    resources.forEach((resource, i) => {
      out.push(...checkResource(resource, ctx, resource.unreadable));
      if ((i + 1) % 100 === 0 || i + 1 === resources.length)
        onProgress({ phase: 'validate', done: i + 1, total: resources.length });
    });
    return out;
  }

  /** The related codes the file names that exist in this instance (R05: relations point at real entries). */
  async #knownCodes(resources: AssembledResource[]): Promise<Set<string>> {
    const named = [
      ...new Set(resources.flatMap((r) => (r.content.relatedCodes as string[] | undefined) ?? [])),
    ];
    const known = new Set<string>();
    const db = this.deps.db;
    for (let i = 0; i < named.length; i += 500) {
      const rows = await db
        .selectFrom('catalog_entry')
        .select('code')
        .where('code', 'in', named.slice(i, i + 500))
        .execute();
      for (const row of rows) known.add(row.code);
    }
    return known;
  }

  async #create(
    rc: RequestContext,
    providerDepartmentId: string,
    resources: AssembledResource[],
    detail: Record<string, unknown>,
  ): Promise<{ id: string; code: string; name: string }[]> {
    const work = async (trx: CatalogDb) => {
      const created: { id: string; code: string; name: string }[] = [];
      for (const resource of resources) {
        const entry = await this.deps.catalog.createDraft(
          rc,
          { providerDepartmentId, content: resource.content },
          {},
          trx,
        );
        created.push({ id: entry.id, code: entry.code, name: entry.name });
      }
      await this.deps.audit.record(trx, rc, {
        action: 'catalog.import',
        targetType: 'department',
        targetId: providerDepartmentId,
        detail: { ...detail, codes: created.map((c) => c.code) },
      });
      return created;
    };
    // Two imports drawing the same sequence codes at once: the loser's transaction rolls back
    // whole and draws again once.
    try {
      return await this.deps.db.transaction().execute(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.deps.db.transaction().execute(work);
    }
  }
}
