import { type Kysely, sql } from 'kysely';
import { monthBound } from './report-sql.js';
import type { AuditTables } from './schema.js';

/** A range of the trail, `[from, to)`, ISO instants. */
export interface ActivityRange {
  from: string;
  to: string;
}

/** One person's or one department system's activity in one hour (UTC) of a range. */
export interface ActorHourActivity {
  actorKind: 'user' | 'client';
  actorId: string;
  /** The account as the trail names it (username, or the client's public client_id). */
  actorName: string | null;
  departmentId: string | null;
  /** `YYYY-MM-DDTHH`, UTC. */
  hour: string;
  /** Successful reads of shared data (access entries). */
  reads: number;
  /** Refused requests of any kind (outcome `denied`). */
  refused: number;
}

/** The record keys one access entry asked for (granted or refused). */
export interface KeysAsked {
  actorKind: 'user' | 'client';
  actorId: string;
  entryId: string;
  /** Each key as the trail holds it: `kind:digest` for ID numbers (never the number), `kind:value` else. */
  keys: string[];
}

/** What the trail shows of one actor's entries, for an alert's evidence. */
export type EntrySample = 'reads' | 'refused' | 'keyed';

const PEOPLE_AND_SYSTEMS = ['user', 'client'] as const;

/**
 * Successful reads and refusals per person and per API client, hour by hour, in a range: the
 * access-trail monitoring of supervision (issue 17, R65, R89) reads the trail through this,
 * never its tables. The platform's own work (`system`) is left out.
 */
export async function activityByActor(
  db: Kysely<AuditTables>,
  range: ActivityRange,
): Promise<ActorHourActivity[]> {
  const hour = sql<string>`substr(at, 1, 13)`;
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [
      'actor_kind',
      'actor_id',
      hour.as('hour'),
      eb.fn.max('actor_name').as('actor_name'),
      eb.fn.max('department_id').as('department_id'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('category', '=', 'access'), eb('outcome', '=', 'success')]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('reads'),
      eb.fn.sum<number>(eb.case().when('outcome', '=', 'denied').then(1).else(0).end()).as('refused'),
    ])
    .where('actor_kind', 'in', PEOPLE_AND_SYSTEMS)
    .where('actor_id', 'is not', null)
    .where('actor_id', '!=', '')
    .where((eb) => eb.or([eb('category', '=', 'access'), eb('outcome', '=', 'denied')]))
    // The month bounds let PostgreSQL skip the partitions outside the range.
    .where('month', '>=', monthBound(range.from, -1))
    .where('month', '<=', monthBound(range.to, 1))
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .groupBy(['actor_kind', 'actor_id', hour])
    .execute();
  return rows.map((r) => ({
    actorKind: r.actor_kind as 'user' | 'client',
    actorId: r.actor_id as string,
    actorName: (r.actor_name as string | null) ?? null,
    departmentId: (r.department_id as string | null) ?? null,
    hour: r.hour,
    reads: Number(r.reads ?? 0),
    refused: Number(r.refused ?? 0),
  }));
}

/**
 * The record keys each access entry of a range asked for, granted or refused, per person and API
 * client (at most `limit` entries, oldest first): how many distinct records one reader looked up.
 */
export async function keysAskedByActor(
  db: Kysely<AuditTables>,
  range: ActivityRange,
  limit = 100_000,
): Promise<KeysAsked[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select(['actor_kind', 'actor_id', 'id', 'record_keys'])
    .where('category', '=', 'access')
    .where('record_keys', 'is not', null)
    .where('actor_kind', 'in', PEOPLE_AND_SYSTEMS)
    .where('actor_id', 'is not', null)
    .where('actor_id', '!=', '')
    .where('month', '>=', monthBound(range.from, -1))
    .where('month', '<=', monthBound(range.to, 1))
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    actorKind: r.actor_kind as 'user' | 'client',
    actorId: r.actor_id as string,
    entryId: r.id,
    keys: keysOf(r.record_keys),
  }));
}

function keysOf(stored: string | null): string[] {
  if (!stored) return [];
  const keys = JSON.parse(stored) as Array<{ kind: string; digest?: string; value?: string }>;
  return keys.map((k) => `${k.kind}:${k.digest ?? k.value ?? ''}`);
}

/** The ids of an actor's newest entries of a kind in a range: the samples an alert shows. */
export async function sampleEntries(
  db: Kysely<AuditTables>,
  question: ActivityRange & {
    actorKind: 'user' | 'client';
    actorId: string;
    sample: EntrySample;
    limit: number;
  },
): Promise<string[]> {
  let query = db
    .selectFrom('audit_entry')
    .select('id')
    .where('actor_kind', '=', question.actorKind)
    .where('actor_id', '=', question.actorId)
    .where('month', '>=', monthBound(question.from, -1))
    .where('month', '<=', monthBound(question.to, 1))
    .where('at', '>=', question.from)
    .where('at', '<', question.to);
  if (question.sample === 'refused') query = query.where('outcome', '=', 'denied');
  else {
    query = query.where('category', '=', 'access');
    if (question.sample === 'reads') query = query.where('outcome', '=', 'success');
    else query = query.where('record_keys', 'is not', null);
  }
  const rows = await query.orderBy('seq', 'desc').limit(question.limit).execute();
  return rows.map((r) => r.id);
}
