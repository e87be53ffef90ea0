import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../platform/clock/index.js';
import { newId } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { CatalogFormatErrors } from './errors.js';
import type { ImportProblem } from './problems.js';
import type { SourceKind } from './read.js';

/** What is kept of a refused import so that its error report can be downloaded. */
export interface StoredReport {
  id: string;
  createdAt: string;
  actorId: string;
  providerDepartmentId: string;
  providerJurisdictionPath: string;
  kind: SourceKind;
  problems: ImportProblem[];
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Refused imports' error reports, kept in the data directory for a limited time (24 hours by
 * default): the uploaded file as it came and the list of problems. Expired reports are removed
 * whenever a report is saved. A multi-node deployment shares the data directory or pins a user's
 * requests to a node.
 */
export class ImportReportStore {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
  ) {}

  async save(report: Omit<StoredReport, 'id' | 'createdAt'>, upload: Buffer): Promise<StoredReport> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.purge();
    const now = this.clock.now();
    const stored: StoredReport = { id: newId(now), createdAt: now.toISOString(), ...report };
    await writeFile(join(this.dir, `${stored.id}.upload`), upload, { mode: 0o600 });
    await writeFile(join(this.dir, `${stored.id}.json`), JSON.stringify(stored), { mode: 0o600 });
    return stored;
  }

  /** The report and the uploaded file; CATALOG_IMPORT_REPORT_NOT_FOUND when unknown or expired. */
  async load(id: string): Promise<{ report: StoredReport; upload: Buffer }> {
    const notFound = () => CatalogFormatErrors.error('CATALOG_IMPORT_REPORT_NOT_FOUND', { id });
    if (!ID.test(id)) throw notFound();
    try {
      const report = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as StoredReport;
      if (this.#expired(report.createdAt)) throw notFound();
      return { report, upload: await readFile(join(this.dir, `${id}.upload`)) };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw notFound();
    }
  }

  /** Removes expired reports (by the time they were made, on the platform's clock). */
  async purge(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const id = name.slice(0, -'.json'.length);
      const report = await readFile(join(this.dir, name), 'utf8')
        .then((text) => JSON.parse(text) as StoredReport)
        .catch(() => undefined);
      if (report && !this.#expired(report.createdAt)) continue;
      await rm(join(this.dir, name), { force: true });
      await rm(join(this.dir, `${id}.upload`), { force: true });
    }
  }

  #expired(createdAt: string): boolean {
    return this.clock.now().getTime() - new Date(createdAt).getTime() > this.ttlMs;
  }
}
