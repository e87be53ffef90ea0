import type { AuditTrail } from '../audit/index.js';
import { authorize } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { CryptoSuite } from '../platform/config/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import { digest } from '../platform/crypto/index.js';
import { newId, nextNumber } from '../platform/db/index.js';
import { CatalogErrors } from './errors.js';
import { CatalogActions } from './policies.js';
import type { CatalogEditionTable } from './schema.js';
import type { CatalogService } from './service.js';
import type { CatalogDb, ProviderRef as ProviderRefLike } from './store.js';

export interface EditionEntry {
  entryId: string;
  code: string;
  version: number;
  name: string;
  provider: ProviderRefLike;
  shareType: 'unconditional' | 'conditional';
  publishDate: string | null;
}

export interface EditionSummary {
  edition: number;
  compiledAt: string;
  compiledBy: string;
  entryCount: number;
  /** SM3 or SHA-256 (the instance's suite) of the entries list as stored. */
  digest: string;
}

export interface Edition extends EditionSummary {
  entries: EditionEntry[];
  /** Whether the stored entries still match the digest taken at compilation. */
  digestValid: boolean;
}

export interface EditionServiceDeps {
  db: CatalogDb;
  audit: AuditTrail;
  clock: Clock;
  catalog: Pick<CatalogService, 'listPublished'>;
  cryptoSuite: CryptoSuite;
}

const summaryOf = (row: CatalogEditionTable): EditionSummary => ({
  edition: row.edition,
  compiledAt: row.compiled_at,
  compiledBy: row.compiled_by,
  entryCount: row.entry_count,
  digest: row.digest,
});

/**
 * Editions of the instance's shared catalog (共享目录, R08): numbered, digested and kept. An
 * edition lists the published entries that are shared, unconditionally or on conditions.
 * Not-shared entries stay in the resource catalog with their basis (R22, Feicheng Art.9 ¶2) but
 * are not part of the shared catalog, which lists what departments may obtain (Neixiang Art.12,
 * Feicheng Art.9 ¶1, Guangzhou Art.8); withdrawn entries have left it.
 */
export class EditionService {
  constructor(private readonly deps: EditionServiceDeps) {}

  async compile(ctx: RequestContext): Promise<Edition> {
    authorize(ctx.actor, CatalogActions['catalog.edition.compile']);
    const edition = await this.deps.db.transaction().execute((trx) => this.#compile(trx, ctx));
    return this.get(ctx.actor, edition);
  }

  async #compile(trx: CatalogDb, ctx: RequestContext): Promise<number> {
    const published = await this.deps.catalog.listPublished(trx);
    const entries: EditionEntry[] = published
      .filter((e) => e.content.share.type !== 'not_shared')
      .map((e) => ({
        entryId: e.id,
        code: e.code,
        version: e.version,
        name: e.content.name,
        provider: e.provider,
        shareType: e.content.share.type as EditionEntry['shareType'],
        publishDate: e.publishDate,
      }));
    // Concurrent compilations (on any node) queue on the counter instead of drawing one number.
    const edition = await nextNumber(trx, 'catalog_edition', async () => {
      const last = await trx
        .selectFrom('catalog_edition')
        .select((eb) => eb.fn.max('edition').as('n'))
        .executeTakeFirst();
      return Number(last?.n ?? 0);
    });
    const text = JSON.stringify(entries);
    const now = this.deps.clock.now();
    const sum = digest(this.deps.cryptoSuite, text);
    await trx
      .insertInto('catalog_edition')
      .values({
        id: newId(now),
        edition,
        compiled_at: now.toISOString(),
        compiled_by: ctx.actor.name,
        entry_count: entries.length,
        entries: text,
        digest: sum,
      })
      .execute();
    await this.deps.audit.record(trx, ctx, {
      action: 'catalog.edition.compile',
      targetType: 'catalog_edition',
      targetId: String(edition),
      detail: { edition, entryCount: entries.length, digest: sum },
    });
    return edition;
  }

  async list(actor: Actor): Promise<EditionSummary[]> {
    authorize(actor, CatalogActions['catalog.edition.read']);
    const rows = await this.deps.db
      .selectFrom('catalog_edition')
      .selectAll()
      .orderBy('edition', 'desc')
      .execute();
    return rows.map(summaryOf);
  }

  async get(actor: Actor, edition: number): Promise<Edition> {
    authorize(actor, CatalogActions['catalog.edition.read']);
    const row = await this.deps.db
      .selectFrom('catalog_edition')
      .selectAll()
      .where('edition', '=', edition)
      .executeTakeFirst();
    if (!row) throw CatalogErrors.error('CATALOG_EDITION_NOT_FOUND', { edition });
    return {
      ...summaryOf(row),
      entries: JSON.parse(row.entries) as EditionEntry[],
      digestValid: digest(this.deps.cryptoSuite, row.entries) === row.digest,
    };
  }
}
