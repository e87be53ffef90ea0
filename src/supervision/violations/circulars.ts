import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { scopeOf } from '../../org/index.js';
import { canonicalJson } from '../../platform/cases/index.js';
import type { AuditRecorder } from '../../platform/context/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, escapeLike, newId, nextCaseNumber } from '../../platform/db/index.js';
import { ViolationCase } from './case.js';
import { ViolationErrors } from './errors.js';
import { ViolationActions } from './policies.js';
import type { SupervisionCircularTable, SupervisionViolationTable, ViolationTables } from './schema.js';
import type { Circular } from './schemas.js';

type Row = SupervisionViolationTable;
const tables = (executor: Executor) => executor as unknown as Kysely<ViolationTables>;

/** The digest that seals a circular: SHA-256 of its canonical JSON, hex. */
export const circularDigest = (canonical: string): string =>
  createHash('sha256').update(canonical).digest('hex');

/** What a circular says about a case, as it stands when published (N20). */
export function circularContent(
  row: Row,
  meta: { number: string; title: string; jurisdictionPath: string; at: string; by: string },
) {
  const status = ViolationCase.statuses[row.status];
  return {
    number: meta.number,
    title: meta.title,
    jurisdictionPath: meta.jurisdictionPath,
    respondent: row.respondent_name,
    category: {
      code: row.category_code,
      label: { zh: row.category_zh, en: row.category_en },
      article: row.category_article,
    },
    facts: row.facts,
    order:
      row.order_text === null
        ? null
        : { text: row.order_text, dueDate: row.due_date, count: Number(row.order_count) },
    outcome: {
      status: row.status,
      label: { zh: status.zh, en: status.en },
      text: row.status === 'closed' ? row.decision_text : null,
    },
    publishedAt: meta.at,
    publishedBy: meta.by,
  };
}

/**
 * The publish step (通报, N20): the case's category, article, facts, order and outcome frozen as
 * canonical JSON, sealed by its SHA-256 digest, numbered, stored once and never updated. Its
 * readers are the signed-in users of the publishing authority's jurisdiction.
 */
export function publishEffect(ctx: RequestContext, title: string | undefined) {
  return async ({ trx, row, at, today }: { trx: Executor; row: Row; at: string; today: string }) => {
    const number = await nextCaseNumber(trx, 'supervision_circular', `TB-${today.slice(0, 4)}-`);
    const heading =
      title?.trim() ||
      `关于${row.respondent_name}${row.status === 'closed' ? '违规问题整改情况' : '违规问题'}的通报`;
    const by = actedBy(ctx.actor).name;
    const content = circularContent(row, {
      number,
      title: heading,
      jurisdictionPath: ctx.actor.jurisdictionPath,
      at,
      by,
    });
    const canonical = canonicalJson(content);
    const digest = circularDigest(canonical);
    const id = newId(new Date(at));
    await tables(trx)
      .insertInto('supervision_circular')
      .values({
        id,
        number,
        violation_id: row.id,
        title: heading,
        body: canonical,
        digest,
        jurisdiction_path: ctx.actor.jurisdictionPath,
        published_at: at,
        published_by: ctx.actor.id,
        published_by_name: by,
      })
      .execute();
    return { detail: { circular: number, title: heading, digest }, auditDetail: { circularId: id } };
  };
}

/** The jurisdictions containing a path, itself included: `/44/4401/` → `/44/`, `/44/4401/`. */
const ancestors = (path: string): string[] => {
  const codes = path.split('/').filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
};

/**
 * Published circulars (通报, N20): every signed-in user reads those published in a jurisdiction
 * that contains theirs; an authority also those of the jurisdictions under it; operator and
 * auditor all.
 */
export class CircularService {
  constructor(private readonly deps: { db: Kysely<ViolationTables>; audit: AuditRecorder }) {}

  #visible(actor: Actor) {
    const scope = scopeOf(actor, ViolationActions['supervision.circular.read']);
    return (query: ReturnType<typeof this.base>) => {
      if (scope.kind === 'all') return query;
      if (scope.kind === 'none') return query.where(sql<boolean>`1 = 0`);
      const up = ancestors(actor.jurisdictionPath);
      const down = `${escapeLike(actor.jurisdictionPath)}%`;
      return query.where((eb) =>
        eb.or([
          ...(up.length > 0 ? [eb('jurisdiction_path', 'in', up)] : []),
          ...(actor.roles.includes('authority')
            ? [sql<boolean>`jurisdiction_path like ${down} escape '\\'`]
            : []),
        ]),
      );
    };
  }

  base() {
    return tables(this.deps.db).selectFrom('supervision_circular');
  }

  async list(
    actor: Actor,
    page: { page: number; pageSize: number },
  ): Promise<{ items: Circular[]; total: number }> {
    const query = this.#visible(actor)(this.base());
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute();
    return { items: rows.map(present), total: Number(total.n) };
  }

  /** One circular, checked against its digest; not found alike for a missing one and one the reader may not see. */
  async get(ctx: RequestContext, id: string): Promise<Circular> {
    const row = await this.#visible(ctx.actor)(this.base())
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) {
      await this.deps.audit.record(this.deps.db, ctx, {
        action: 'supervision.circular.read',
        targetType: 'supervision_circular',
        targetId: id,
        outcome: 'denied',
        detail: { code: 'CIRCULAR_NOT_FOUND' },
      });
      throw ViolationErrors.error('CIRCULAR_NOT_FOUND', { id });
    }
    return present(row);
  }
}

function present(row: SupervisionCircularTable): Circular {
  return {
    id: row.id,
    number: row.number,
    violationId: row.violation_id,
    title: row.title,
    content: JSON.parse(row.body) as Circular['content'],
    canonical: row.body,
    digest: row.digest,
    intact: circularDigest(row.body) === row.digest,
    publishedAt: row.published_at,
    publishedBy: row.published_by_name,
  };
}
