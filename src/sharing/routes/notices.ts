import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import type { NoticeService } from '../notices.js';
import { IdParams, NoticeSchema, Paging, sharingErrors, strict } from './schemas.js';

const tags = ['notices'];
const API = '/api/v1/sharing/notices';

/** The in-app inbox: my notices (mine, my department's, my roles'), the unread count, mark read. */
export const noticeRoutes =
  (deps: { notices: NoticeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '我的通知 / My notices',
          querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...Paging }, strict),
          response: {
            200: Type.Object({
              items: Type.Array(NoticeSchema),
              total: Type.Integer(),
              unread: Type.Integer(),
            }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => deps.notices.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/unread-count`,
      {
        schema: {
          tags,
          summary: '未读通知数 / Unread count',
          response: { 200: Type.Object({ unread: Type.Integer() }), ...sharingErrors() },
        },
      },
      async (request) => ({ unread: await deps.notices.unreadCount(actorOf(request)) }),
    );

    app.post(
      `${API}/:id/read`,
      {
        schema: {
          tags,
          summary: '标记已读 / Mark read',
          params: IdParams,
          response: { 200: NoticeSchema, ...sharingErrors('NOTICE_NOT_FOUND') },
        },
      },
      async (request) => deps.notices.markRead(requestContext(request), request.params.id),
    );
  };
