import { Readable } from 'node:stream';
import type { Platform } from '../../app/index.js';
import { sealTypeOf } from '../../catalog/index.js';
import type { EntryContent } from '../../catalog/model.js';
import { conditionalContent, item } from '../../catalog/test-support/content.js';
import { OrgClient } from '../../org/test-support/index.js';
import type { ManualClock } from '../../platform/clock/index.js';
import type { ExchangeConfig, PlatformConfig } from '../../platform/config/index.js';
import { loadConfig } from '../../platform/config/index.js';
import { newId } from '../../platform/db/ids.js';
import type { DialectName } from '../../platform/db/index.js';
import { completeResidentId } from '../../platform/identifiers/index.js';
import type { AccessMethod, Purpose } from '../../sharing/model.js';
import {
  BEFORE_NATIONAL_DAY,
  type SharingWorld,
  startSharingWorld,
} from '../../sharing/test-support/index.js';
import type { HostedResource, RecordValues } from '../model.js';

export const EXCHANGE_API = '/api/v1/exchange';

/** Every access method: the default of `grant`. */
export const ALL_METHODS: AccessMethod[] = ['online_query', 'interface', 'batch_download', 'subscription'];

/**
 * A valid resident ID number (GB 11643) of someone born on `birth` (YYYYMMDD), registered in
 * 110105 (北京市朝阳区): the check character is the one the identifiers module accepts.
 *
 * @example residentId('19800101', 1) // '110105198001010013' (check character computed)
 */
export function residentId(birth: string, serial: number, region = '110105'): string {
  return completeResidentId(`${region}${birth}${String(serial % 1000).padStart(3, '0')}`);
}

/**
 * The police's social insurance entry the exchange tests host: seven items of every common data
 * type, keyed by the resident ID number; personal items are the ID number, name and birth date.
 */
export function exchangeContent(overrides: Partial<EntryContent> = {}): EntryContent {
  return conditionalContent({
    name: '人员参保核验信息',
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '姓名', length: 50 }),
      item({ name: '出生日期', dataType: 'D' }),
      item({ name: '参保状态', length: 10, personal: false }),
      item({ name: '缴费基数', dataType: 'N', length: 12, personal: false }),
      item({ name: '更新时间', dataType: 'T', personal: false }),
      item({ name: '是否有效', dataType: 'L', personal: false }),
    ],
    share: {
      type: 'conditional',
      conditions: '仅用于社会保障待遇审核',
      methods: ['platform_interface', 'platform_database', 'platform_file'],
      legalBasis: [{ kind: 'law', title: '《中华人民共和国社会保险法》', article: '第八十一条' }],
    },
    ...overrides,
  });
}

const NAMES = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十'];

/** `count` sample records of `exchangeContent`, each with a valid resident ID number. */
export function sampleRecords(count = 5, from = 0): RecordValues[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const year = 1960 + (i % 40);
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      公民身份号码: residentId(`${year}${month}${day}`, i + 1),
      姓名: NAMES[i % NAMES.length] ?? '某人',
      出生日期: `${year}-${month}-${day}`,
      参保状态: i % 3 === 2 ? '暂停' : '正常',
      缴费基数: `${5000 + i * 125}.5`,
      更新时间: '2026-09-01T08:00:00Z',
      是否有效: i % 4 !== 3,
    };
  });
}

/** A department system signed in with a bearer token (client credentials), as a node would be. */
export class ApiRequester extends OrgClient {
  token = '';

  constructor(
    private readonly host: Platform,
    /** The API client's internal id (grants' `clientIds`) and public `client_id`. */
    readonly id: string,
    readonly clientId: string,
    readonly secret: string,
  ) {
    super(host);
  }

  /** Fetches a fresh access token (the manual clock may have moved past the last one). */
  async renew(): Promise<void> {
    const res = await new OrgClient(this.host).request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: this.clientId,
      client_secret: this.secret,
    });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.access_token as string;
  }

  override async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    if (!this.token) await this.renew();
    const send = () =>
      super.request(method, url, body, { authorization: `Bearer ${this.token}`, ...headers });
    const res = await send();
    if (res.status !== 401) return res;
    await this.renew();
    return send();
  }
}

export interface GrantOptions {
  clearItems?: string[];
  purpose?: Purpose;
  /** Default 人社 (hrss). */
  consumerDepartmentId?: string;
  /** Restrict the grant to these API clients (internal ids). */
  clientIds?: string[];
  validFrom?: string;
  validUntil?: string;
  entryId?: string;
}

export interface ExchangeWorld {
  /** The sharing world underneath: 公安 (police) provides, 人社 (hrss) consumes. */
  w: SharingWorld;
  platform: Platform;
  clock: ManualClock;
  /** The hosted police entry (`exchangeContent`). */
  entryId: string;
  /** The hosted resource as it was right after the sample records were loaded. */
  resource: HostedResource;
  /** The sample records loaded, in the order written (change-log seqs 1…n). */
  records: RecordValues[];
  /** Items of the hosted entry, in catalog order. */
  items: string[];
  /** Makes an active grant on an entry (default the hosted one) for hrss; answers its id. */
  grant(items?: string[], methods?: AccessMethod[], options?: GrantOptions): Promise<string>;
  /** An API client of the department signed in with a bearer token. */
  apiClient(departmentId: string, name?: string): Promise<ApiRequester>;
  /** Writes records through the batch API as the police resource administrator (upserts). */
  write(records: RecordValues[], options?: { mode?: string; source?: string }): Promise<BatchAnswer>;
  /**
   * Uploads a file through `POST /resources/{entryId}/loads` (default as the police resource
   * administrator); answers the status and the NDJSON lines of the progress stream.
   */
  upload(data: Buffer | string, options: UploadOptions): Promise<UploadAnswer>;
  /** Publishes an entry of 公安 and hosts it; answers the entry id. */
  publishAndHost(content?: EntryContent): Promise<string>;
  /** The hosted resource now. */
  hosted(entryId?: string): Promise<HostedResource>;
  close(): Promise<void>;
}

export interface UploadOptions {
  format: 'csv' | 'xlsx' | 'ndjson';
  mode?: 'all_or_nothing' | 'keep_good';
  client?: OrgClient;
  entryId?: string;
  contentType?: string;
  /** Send without content-length (chunked), as a stream. */
  chunked?: boolean;
}

export interface UploadAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines are inspected loosely in tests.
  lines: any[];
  // biome-ignore lint/suspicious/noExplicitAny: error bodies are inspected loosely in tests.
  body: any;
}

const UPLOAD_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson',
} as const;

export interface BatchAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
  body: any;
}

export interface ExchangeWorldOptions {
  /** Policy profile (default `national`). */
  profile?: string;
  /** Exchange limits to override (rates, timeouts, upload limit…). */
  exchange?: Partial<ExchangeConfig>;
  config?: Partial<PlatformConfig>;
  /** How many sample records to load (default 5). */
  records?: number;
  content?: EntryContent;
  start?: string;
  /** Serve on a real port with the built portal (browser tests). */
  listen?: boolean;
  webDist?: string;
}

/**
 * The exchange test world: the sharing world (公安 provides, 人社 consumes, manual clock at
 * 2026-09-30), with `exchangeContent` published by 公安, hosted, and `records` sample records
 * written in one batch (seqs 1…n).
 *
 * @example const x = await startExchangeWorld('sqlite'); await x.grant(['公民身份号码', '参保状态'], ['online_query']);
 */
export async function startExchangeWorld(
  dialect: DialectName,
  options: ExchangeWorldOptions = {},
): Promise<ExchangeWorld> {
  // The tests' webhook receivers and services listen on loopback, which only an allowed network reaches.
  const exchange = {
    ...loadConfig({}).exchange,
    serviceAllowedNetworks: ['127.0.0.0/8'],
    ...options.exchange,
  };
  const sw = await startSharingWorld(
    dialect,
    options.profile ?? 'national',
    options.start ?? BEFORE_NATIONAL_DAY,
    { ...options.config, exchange },
    { listen: options.listen, webDist: options.webDist },
  );
  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const publish = (content: EntryContent = exchangeContent()) => sw.publish(content);
  const w: SharingWorld = { ...sw, publish };
  const { clock } = w;
  const platform = w.platform;
  const publishAndHost = async (content: EntryContent = exchangeContent()) => {
    const id = await publish(content);
    await step(w.police, `${EXCHANGE_API}/resources`, { entryId: id });
    return id;
  };
  const content = options.content ?? exchangeContent();
  const entryId = await publishAndHost(content);
  const hosted = async (id = entryId) => {
    const resource = await platform.services.exchange.hosting.resource(id);
    if (!resource) throw new Error(`${id} is not hosted`);
    return resource;
  };
  const write = async (records: RecordValues[], opts: { mode?: string; source?: string } = {}) =>
    w.police.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
      ops: records.map((record) => ({ op: 'upsert', record })),
      ...opts,
    });
  const records = sampleRecords(options.records ?? 5);
  if (records.length > 0 && sealTypeOf(content)) {
    // Licence- and document-type records are sealed as written (R106), and under Guangzhou only a
    // provider with a seal in force may write them: the world issues 公安 its seal first.
    const res = await w.sysadmin.request('POST', '/api/v1/seal/seals', {
      departmentId: w.departments.police,
      sealName: '示范市公安局电子印章',
      validTo: '2031-12-31T16:00:00Z',
    });
    if (res.status !== 201) throw new Error(`seal: ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (records.length > 0) {
    const res = await write(records);
    if (res.status !== 200) throw new Error(`sample records: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const items = content.items.map((i) => i.name);
  const admins = new Map([
    [w.departments.police, w.police],
    [w.departments.hrss, w.hrss],
    [w.departments.county, w.countyAdmin],
  ]);
  return {
    w,
    platform,
    clock,
    entryId,
    resource: await hosted(),
    records,
    items,
    async grant(grantItems = items, methods = ALL_METHODS, opts = {}) {
      const targetEntry = opts.entryId ?? entryId;
      const resource = await hosted(targetEntry);
      const consumerId = opts.consumerDepartmentId ?? w.departments.hrss;
      const db = platform.storage.db;
      const consumer = await platform.services.departments.lookup(consumerId, db);
      if (!consumer) throw new Error(`no department ${consumerId}`);
      return db.transaction().execute((trx) =>
        platform.services.sharing.grants.create(
          trx,
          {
            consumer: { departmentId: consumerId, jurisdictionPath: consumer.jurisdictionPath },
            clientIds: opts.clientIds ?? [],
            provider: {
              departmentId: resource.provider.departmentId,
              jurisdictionPath: resource.provider.jurisdictionPath,
            },
            entry: { id: targetEntry, code: resource.entry.code, name: resource.entry.name },
            items: grantItems,
            clearItems: opts.clearItems ?? [],
            purpose: opts.purpose ?? 'data_verification',
            methods,
            validFrom: opts.validFrom ?? '2026-01-01',
            validUntil: opts.validUntil ?? '2027-12-31',
            origin: 'application',
            originId: newId(clock.now()),
          },
          { id: null, name: 'exchange test' },
        ),
      );
    },
    async apiClient(departmentId, name = `系统${newId().slice(-6)}`) {
      const admin = admins.get(departmentId);
      if (!admin) throw new Error(`no administrator signed in for ${departmentId}`);
      const res = await admin.request('POST', '/api/v1/api-clients', { name, departmentId });
      if (res.status !== 201) throw new Error(`api client: ${res.status} ${JSON.stringify(res.body)}`);
      const requester = new ApiRequester(
        platform,
        res.body.client.id as string,
        res.body.client.clientId as string,
        res.body.clientSecret as string,
      );
      await requester.renew();
      return requester;
    },
    write,
    async upload(data, opts) {
      const client = opts.client ?? w.police;
      const query = `format=${opts.format}${opts.mode ? `&mode=${opts.mode}` : ''}`;
      const payload = typeof data === 'string' ? Buffer.from(data) : data;
      const res = await platform.http.inject({
        method: 'POST',
        url: `${EXCHANGE_API}/resources/${opts.entryId ?? entryId}/loads?${query}`,
        remoteAddress: client.ip,
        headers: {
          ...(client.cookie ? { cookie: client.cookie } : {}),
          ...(client instanceof ApiRequester ? { authorization: `Bearer ${client.token}` } : {}),
          'content-type': opts.contentType ?? UPLOAD_TYPES[opts.format],
        },
        payload: opts.chunked ? Readable.from([payload]) : payload,
      });
      const text = res.body;
      let lines: unknown[] = [];
      let body: unknown;
      if (res.statusCode === 200)
        lines = text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      else body = JSON.parse(text);
      return { status: res.statusCode, lines, body };
    },
    publishAndHost,
    hosted,
    close: () => w.close(),
  };
}
