import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conditionalContent, item } from '../../../catalog/test-support/content.js';
import type { OrgClient } from '../../../org/test-support/index.js';
import { type ExchangeConfig, loadConfig } from '../../../platform/config/index.js';
import type { DialectName } from '../../../platform/db/index.js';
import type { AccessMethod, Purpose } from '../../../sharing/model.js';
import {
  BEFORE_NATIONAL_DAY,
  type SharingWorld,
  startSharingWorld,
} from '../../../sharing/test-support/index.js';

export const SERVICES = '/api/v1/exchange/services';
export const RESIDENT_ID = '11010519491231002X';

/** An entry of 公安 shared through a platform interface: a key, a name, two plain items, one never shared. */
export function serviceContent() {
  return conditionalContent({
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '姓名', length: 50 }),
      item({ name: '户籍状态', length: 10, personal: false }),
      item({ name: '服务处所', length: 100, personal: false }),
      item({ name: '犯罪记录', length: 200, shareType: 'not_shared' }),
    ],
  });
}

/** A minimal valid OpenAPI document. */
export const SPEC = {
  openapi: '3.0.3',
  info: { title: '人口户籍核验接口', version: '1.0' },
  paths: { '/persons/{id}': { get: { responses: { '200': { description: 'OK' } } } } },
};

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A provider's own HTTP service on a real local port; `respond` answers each request. */
export interface Upstream {
  url: string;
  received: ReceivedRequest[];
  respond: (req: ReceivedRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

export async function startUpstream(
  respond: (req: ReceivedRequest, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  },
): Promise<Upstream> {
  const upstream: Upstream = {
    url: '',
    received: [],
    respond,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      upstream.received.push(received);
      upstream.respond(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

export interface ServiceWorld extends SharingWorld {
  entryId: string;
  /** Gives 人社 a grant on the entry, straight through the grant service. */
  grant(options?: {
    items?: string[];
    clearItems?: string[];
    methods?: AccessMethod[];
    purpose?: Purpose;
    clientIds?: string[];
  }): Promise<string>;
  /** Registers a service as 公安's resource administrator and answers its view. */
  register(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Calls the gateway as a client, with a purpose unless told otherwise. */
  call(
    client: OrgClient,
    method: 'GET' | 'POST',
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): ReturnType<OrgClient['request']>;
}

/**
 * The sharing world (公安 provides, 人社 consumes) with an entry of `serviceContent` published.
 * `exchange` overrides the exchange's limits (rates, timeouts, allowed networks) for the whole platform.
 */
export async function startServiceWorld(
  dialect: DialectName,
  exchange?: Partial<ExchangeConfig>,
): Promise<ServiceWorld> {
  const w = await startSharingWorld(dialect, 'national', BEFORE_NATIONAL_DAY, {
    // The providers' test services listen on 127.0.0.1: the operator allows loopback here.
    exchange: { ...loadConfig({}).exchange, serviceAllowedNetworks: ['127.0.0.0/8'], ...exchange },
  });
  const entryId = await w.publish(serviceContent());
  const { platform } = w;
  const grant: ServiceWorld['grant'] = async (options = {}) => {
    const lookup = (id: string) => platform.services.departments.lookup(id);
    const provider = await lookup(w.departments.police);
    const consumer = await lookup(w.departments.hrss);
    if (!provider || !consumer) throw new Error('departments missing');
    const entry = await platform.storage.db
      .selectFrom('catalog_entry')
      .select(['id', 'code', 'name'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    return platform.storage.db.transaction().execute((trx) =>
      platform.services.sharing.grants.create(
        trx,
        {
          consumer: { departmentId: consumer.id, jurisdictionPath: consumer.jurisdictionPath },
          provider: { departmentId: provider.id, jurisdictionPath: provider.jurisdictionPath },
          entry,
          items: options.items ?? ['公民身份号码', '姓名', '户籍状态'],
          clearItems: options.clearItems ?? [],
          purpose: options.purpose ?? 'data_verification',
          methods: options.methods ?? ['interface'],
          clientIds: options.clientIds ?? [],
          validFrom: '2026-01-01',
          validUntil: '2027-12-31',
          origin: 'application',
          originId: 'test',
        },
        { id: null, name: 'test' },
      ),
    );
  };
  const register: ServiceWorld['register'] = async (body) => {
    const res = await w.police.request('POST', SERVICES, {
      entryId,
      methods: ['GET', 'POST'],
      spec: SPEC,
      ...body,
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const call: ServiceWorld['call'] = (client, method, path, options = {}) =>
    client.request(method, `/api/v1/exchange/resources/${entryId}/service${path}`, options.body, {
      'x-govshare-purpose': 'data_verification',
      ...options.headers,
    });
  return { ...w, entryId, grant, register, call };
}

/**
 * A service world whose operator allows no network yet (the SSRF guard in force), with 人社's
 * grant and an upstream a service may point at.
 */
export interface GuardedServiceWorld extends ServiceWorld {
  upstream: Upstream;
  /** The upstream's port on the loopback. */
  port: string;
  /** Sets the operator's list, as the instance runs with it. */
  allow(networks: string[]): void;
  close(): Promise<void>;
}

export async function startGuardedServiceWorld(dialect: DialectName): Promise<GuardedServiceWorld> {
  const w = await startServiceWorld(dialect, { serviceAllowedNetworks: [] });
  const upstream = await startUpstream();
  await w.grant();
  return {
    ...w,
    upstream,
    port: new URL(upstream.url).port,
    allow: (networks) => {
      w.platform.config.exchange.serviceAllowedNetworks = networks;
    },
    async close() {
      await upstream.close();
      await w.t.close();
    },
  };
}
