import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestContext } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { TraceQueryDeps } from '../query.js';
import type { ChainStatusView } from '../report-chain.js';
import { type ExchangeStatus, exchangeStatus } from '../report-exchange.js';
import { ChainStatusSchema, ExchangeStatusSchema, VerificationSchema } from './schemas.js';

const TAGS = ['audit'];

/** The chain at a glance, a verification run, and every department's exchange activity (R55, R87). */
export const statusRoutes =
  (deps: {
    chain: ChainStatusView;
    exchange: Pick<TraceQueryDeps, 'db' | 'directory'> & { clock: Clock };
  }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/audit/status',
      {
        schema: {
          tags: TAGS,
          summary:
            '审计链状态：链头、检查点时效、最近校验、归档 / Chain status: head, checkpoint age, last verification, archives',
          response: { 200: ChainStatusSchema, ...errorResponses() },
        },
      },
      async (request) => deps.chain.status(requestContext(request)),
    );

    app.post(
      '/api/v1/audit/verify',
      {
        schema: {
          tags: TAGS,
          summary: '立即校验审计链（审计员） / Verify the chain now (auditors)',
          response: { 200: VerificationSchema, ...errorResponses('AUDIT_VERIFY_IN_PROGRESS') },
        },
      },
      async (request) => deps.chain.verify(requestContext(request)),
    );

    app.get(
      '/api/v1/audit/exchange-status',
      {
        schema: {
          tags: TAGS,
          summary:
            '各部门交换情况：近 24 小时 / 7 天访问量、失败、异常标记 / Each department’s exchange activity, failures and anomaly flags',
          response: { 200: ExchangeStatusSchema, ...errorResponses() },
        },
      },
      async (request): Promise<ExchangeStatus> => exchangeStatus(deps.exchange, requestContext(request)),
    );
  };
