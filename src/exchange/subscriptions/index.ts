import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeAccess } from '../access.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';

// STUB — the subscriptions helper replaces this file.
export const subscriptionMigrations: ModuleMigrations = {};

export class SubscriptionService {
  constructor(
    readonly deps: ExchangeDeps & { access: ExchangeAccess<HostedResource>; hosting: HostingService },
  ) {}
  start(): void {}
  async close(): Promise<void> {}
}

export const subscriptionRoutes =
  (_deps: ExchangeDeps & { subscriptions: SubscriptionService }): FastifyPluginAsyncTypebox =>
  async () => {};
