import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/migrations.js';
import type { ExchangeDeps } from '../index.js';

// STUB — the agent helper replaces this file.
export const nodeMigrations: ModuleMigrations = {};

export class NodeService {
  constructor(readonly deps: ExchangeDeps) {}
  start(): void {}
  async close(): Promise<void> {}
}

export const nodeRoutes =
  (_deps: ExchangeDeps & { nodes: NodeService }): FastifyPluginAsyncTypebox =>
  async () => {};
