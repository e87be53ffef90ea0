import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeAccess } from '../access.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';

// STUB — the subscriptions helper replaces this file.
export const subscriptionMigrations: ModuleMigrations = {};

export class SubscriptionService {
  constructor(readonly deps: ExchangeDeps & { access: ExchangeAccess; hosting: HostingService }) {}
  start(): void {}
  async close(): Promise<void> {}
}

export const subscriptionRoutes =
  (_deps: ExchangeDeps & { subscriptions: SubscriptionService }): FastifyPluginAsyncTypebox =>
  async () => {};
