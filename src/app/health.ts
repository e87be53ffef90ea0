import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { DialectName, Executor } from '../platform/db/index.js';
import { type ModuleMigrations, migrationStatus } from '../platform/db/index.js';
import { errorResponses } from '../platform/http/index.js';

export const healthRoutes =
  (deps: {
    db: Executor;
    dialect: DialectName;
    migrations: ModuleMigrations;
    version: string;
    /** Why the audit trail cannot be written now, if it cannot: no read is answered without its entry. */
    auditWriteProblem: () => Promise<string | undefined>;
  }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: {
          tags: ['ops'],
          summary: '存活检查 / Liveness',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }),
            ...errorResponses(),
          },
        },
      },
      async () => ({ status: 'ok' as const, version: deps.version }),
    );

    app.get(
      '/api/ready',
      {
        config: { public: true },
        schema: {
          tags: ['ops'],
          summary:
            '就绪检查：存储可达、结构为最新、审计可写 / Readiness: storage reachable, migrations current, audit trail writable',
          response: {
            200: Type.Object({
              status: Type.Literal('ready'),
              dialect: Type.String(),
              migrations: Type.Integer(),
            }),
            503: Type.Object({ status: Type.Literal('not_ready'), reason: Type.String() }),
            ...errorResponses(),
          },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(deps.db);
          const status = await migrationStatus(deps.db, deps.dialect, deps.migrations);
          if (status.pending.length > 0 || status.unknown.length > 0) {
            return reply.status(503).send({
              status: 'not_ready' as const,
              reason: `migrations pending: ${status.pending.join(', ')}${status.unknown.length ? `; unknown: ${status.unknown.join(', ')}` : ''}`,
            });
          }
          const auditProblem = await deps.auditWriteProblem();
          if (auditProblem !== undefined)
            return reply.status(503).send({
              status: 'not_ready' as const,
              reason: `audit trail cannot be written: ${auditProblem}`,
            });
          return { status: 'ready' as const, dialect: deps.dialect, migrations: status.applied.length };
        } catch (error) {
          return reply.status(503).send({
            status: 'not_ready' as const,
            reason: `storage unreachable: ${(error as Error).message}`,
          });
        }
      },
    );
  };
