import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeAccess } from '../access.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';

// STUB — the gateway helper replaces this file.
export const gatewayMigrations: ModuleMigrations = {};

export const gatewayRoutes =
  (
    _deps: ExchangeDeps & { access: ExchangeAccess<HostedResource>; hosting: HostingService },
  ): FastifyPluginAsyncTypebox =>
  async () => {};
