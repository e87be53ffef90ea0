import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeDeps } from '../index.js';

// STUB — the services helper replaces this file.
export const serviceMigrations: ModuleMigrations = {};

export class InterfaceServices {
  constructor(readonly deps: ExchangeDeps) {}
}

export const serviceRoutes =
  (_deps: ExchangeDeps & { services: InterfaceServices }): FastifyPluginAsyncTypebox =>
  async () => {};
