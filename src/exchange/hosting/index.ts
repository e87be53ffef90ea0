import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Executor } from '../../platform/db/index.js';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';

// STUB — the hosting helper replaces this file.
export const hostingMigrations: ModuleMigrations = {};

export class HostingService {
  constructor(readonly deps: ExchangeDeps) {}

  /** The hosted resource of a catalog entry, unauthenticated: for the access check and feeds. */
  async resource(entryId: string, executor: Executor = this.deps.db): Promise<HostedResource | undefined> {
    void entryId;
    void executor;
    return undefined;
  }
}

export const hostingRoutes =
  (_deps: ExchangeDeps & { hosting: HostingService }): FastifyPluginAsyncTypebox =>
  async () => {};
