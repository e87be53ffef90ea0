import {
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../../exchange/test-support/index.js';
import { createDepartment, type OrgClient, signedInUser, USCCS } from '../../../org/test-support/index.js';
import type { Actor } from '../../../platform/context/index.js';
import type { DialectName } from '../../../platform/db/index.js';
import { API as SHARING_API } from '../../../sharing/test-support/index.js';

export const CORRECTIONS = '/api/v1/quality/corrections';
export const PURPOSE = { 'x-govshare-purpose': 'data_verification' };

/** A notice as the inbox answers it. */
export interface InboxNotice {
  kind: string;
  case: { type: string; id: string } | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
}

/**
 * The corrections test world: the exchange world (公安 hosts 5 records of persons, 人社 consumes),
 * with grants on the hosted resource for 人社, the county department and a third city department
 * (其他), and a department with no grant at all.
 */
/** An answer of the API as tests inspect it. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
export type Answer = { status: number; body: any };

export interface CorrectionWorld {
  x: ExchangeWorld;
  /** 示范市民政局: holds a grant, reads other records than the ones corrected. */
  other: OrgClient;
  otherId: string;
  /** 示范市住建局: no grant on the resource. */
  nogrant: OrgClient;
  /** The resident ID numbers of the sample records, in order. */
  keys: string[];
  /** Files a request as `client` (default the 人社 department user). */
  file(body: Record<string, unknown>, client?: OrgClient): Promise<Answer>;
  step(client: OrgClient, id: string, action: string, body?: Record<string, unknown>): Promise<Answer>;
  /** Reads records through the key query as `client`; answers the records by key. */
  read(client: OrgClient, keys: string[]): Promise<Map<string, Record<string, unknown>>>;
  inbox(client: OrgClient): Promise<InboxNotice[]>;
  /** An actor for calling the service directly (the authority over the city). */
  authorityActor(): Actor;
  close(): Promise<void>;
}

export async function startCorrectionWorld(
  dialect: DialectName,
  profile = 'national',
): Promise<CorrectionWorld> {
  const x = await startExchangeWorld(dialect, { records: 5, profile });
  const w = x.w;
  const otherId = await createDepartment(x.platform, '示范市民政局', USCCS[5] as string, w.city.id);
  const nograntId = await createDepartment(
    x.platform,
    '示范市住房和城乡建设局',
    USCCS[12] as string,
    w.city.id,
  );
  const other = await signedInUser(x.platform, 'other.admin', otherId, ['resource_admin']);
  const nogrant = await signedInUser(x.platform, 'nogrant.user', nograntId, ['dept_user']);
  const all = { clearItems: ['公民身份号码', '姓名'] };
  const methods: ('online_query' | 'subscription')[] = ['online_query', 'subscription'];
  await x.grant(x.items, methods, all);
  await x.grant(x.items, methods, { ...all, consumerDepartmentId: w.departments.county });
  await x.grant(x.items, methods, { ...all, consumerDepartmentId: otherId });
  const keys = x.records.map((r) => String(r.公民身份号码));
  return {
    x,
    other,
    otherId,
    nogrant,
    keys,
    file: (body, client = w.hrssUser) => client.request('POST', CORRECTIONS, body),
    step: (client, id, action, body = {}) => client.request('POST', `${CORRECTIONS}/${id}/${action}`, body),
    async read(client, wanted) {
      const res = await client.request(
        'POST',
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: wanted },
        PURPOSE,
      );
      if (res.status !== 200) throw new Error(`query: ${res.status} ${JSON.stringify(res.body)}`);
      const records = res.body.records as Record<string, unknown>[];
      return new Map(records.map((r) => [String(r.公民身份号码), r]));
    },
    async inbox(client) {
      return (await client.request('GET', `${SHARING_API}/notices?pageSize=200`)).body.items as InboxNotice[];
    },
    authorityActor: () => ({
      kind: 'user',
      id: 'city.authority',
      name: 'city.authority',
      departmentId: w.cityDepartmentId,
      jurisdictionPath: w.city.path,
      roles: ['authority'],
    }),
    close: () => x.close(),
  };
}

/** A request on one record's 姓名, as the 人社 user would file it. */
export function nameClaim(key: string, extra: Record<string, unknown> = {}) {
  return {
    entryId: '',
    scope: 'records',
    records: [
      {
        key: { 公民身份号码: key },
        items: ['姓名'],
        problem: '姓名与户籍登记不一致',
        proposed: { 姓名: '张叁' },
      },
    ],
    description: '窗口办件时发现姓名有误，申请校核',
    ...extra,
  };
}
