import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { caseStepRoutes, sendAttachment } from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { errorResponses, Id } from '../../platform/http/index.js';
import { ViolationCase } from './case.js';
import type { CircularService } from './circulars.js';
import {
  AcceptBody,
  AttachmentBody,
  CategorySchema,
  CircularListQuery,
  CircularSchema,
  OpenViolationBody,
  OrderBody,
  PublishBody,
  ReasonBody,
  RejectBody,
  ReportBody,
  ToRectifySchema,
  ViolationListQuery,
  ViolationSchema,
} from './schemas.js';
import type { ViolationService } from './service.js';

const API = '/api/v1/supervision/violations';
const CIRCULARS = '/api/v1/supervision/circulars';
const IdParams = Type.Object({ id: Id });
const TAGS = ['supervision'];

/** Violation cases (R114, N25) under `/api/v1/supervision/violations`, circulars (N20) under `/api/v1/supervision/circulars`. */
export const violationRoutes =
  (deps: { violations: ViolationService; circulars: CircularService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { violations, circulars } = deps;
    app.get(
      `${API}/categories`,
      {
        schema: {
          tags: TAGS,
          summary: '可立案的违规情形（本平台适用的政策配置）/ Kinds of violation under the profile in force',
          response: { 200: Type.Object({ items: Type.Array(CategorySchema) }), ...errorResponses() },
        },
      },
      async () => ({ items: violations.categories() }),
    );
    app.get(
      `${API}/to-rectify`,
      {
        schema: {
          tags: TAGS,
          summary: '本部门待整改的违规事项 / Violations my department must rectify',
          response: { 200: Type.Object({ items: Type.Array(ToRectifySchema) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await violations.toRectify(requestContext(request).actor) }),
    );
    await app.register(
      caseStepRoutes<RequestContext, typeof ViolationListQuery, typeof OpenViolationBody>({
        type: ViolationCase,
        base: API,
        tags: TAGS,
        params: IdParams,
        response: ViolationSchema,
        context: requestContext,
        summary: [
          { key: 'respondent.name', label: { zh: '被责令部门', en: 'Department' } },
          { key: 'category.label', label: { zh: '违规情形', en: 'Kind of violation' } },
          { key: 'category.article', label: { zh: '依据条款', en: 'Article' } },
          { key: 'facts', label: { zh: '违规事实', en: 'Facts' } },
          { key: 'order.text', label: { zh: '整改要求', en: 'Rectification order' } },
          { key: 'report.text', label: { zh: '整改情况', en: 'Rectification report' } },
          { key: 'decision.text', label: { zh: '主管部门意见', en: 'Authority’s decision' } },
        ],
        open: {
          summary: '立案（主管部门）/ Open a violation case (the authority)',
          body: OpenViolationBody,
          errors: [
            'VIOLATION_CATEGORY_UNKNOWN',
            'VIOLATION_RESPONDENT_UNKNOWN',
            'VIOLATION_OWN_DEPARTMENT',
            'VIOLATION_TEXT_REQUIRED',
          ],
          run: (ctx, body) => violations.open(ctx, body),
        },
        read: {
          summary: '违规事项及其办理过程 / A violation case with its timeline',
          run: (ctx, id) => violations.read(ctx, id),
        },
        list: {
          summary: '违规事项列表 / Violation cases',
          query: ViolationListQuery,
          item: ViolationSchema,
          run: (ctx, query) => violations.list(ctx.actor, query),
        },
        steps: (step) => ({
          order: step({
            summary: '责令整改（整改期限按政策配置以工作日计算）/ Order rectification',
            body: OrderBody,
            errors: ['VIOLATION_TEXT_REQUIRED', 'VIOLATION_NO_PERIOD'],
            run: (ctx, id, body) => violations.order(ctx, id, body.order, body.days),
          }),
          report: step({
            summary: '报告整改情况（被责令部门）/ Report the rectification',
            body: ReportBody,
            errors: ['VIOLATION_TEXT_REQUIRED'],
            run: (ctx, id, body) => violations.report(ctx, id, body.report),
          }),
          accept: step({
            summary: '整改验收通过，办结 / Accept the rectification and close',
            body: AcceptBody,
            run: (ctx, id, body) => violations.accept(ctx, id, body.note),
          }),
          reject: step({
            summary: '整改不到位，责令继续整改 / Not accepted: rectify further',
            body: RejectBody,
            danger: true,
            errors: ['VIOLATION_TEXT_REQUIRED', 'VIOLATION_NO_PERIOD'],
            run: (ctx, id, body) => violations.reject(ctx, id, body.reason, body.days),
          }),
          dismiss: step({
            summary: '撤销（经核查不构成违规）/ Dismiss: no violation',
            body: ReasonBody,
            danger: true,
            errors: ['VIOLATION_TEXT_REQUIRED'],
            run: (ctx, id, body) => violations.dismiss(ctx, id, body.reason),
          }),
          publish: step({
            summary: '发布通报 / Publish a circular',
            body: PublishBody,
            run: (ctx, id, body) => violations.publish(ctx, id, body.title),
          }),
        }),
      }),
    );
    app.post(
      `${API}/:id/attachments`,
      {
        schema: {
          tags: TAGS,
          summary: '上传整改材料（被责令部门）/ Attach a file to the rectification',
          params: IdParams,
          body: AttachmentBody,
          response: {
            200: ViolationSchema,
            ...errorResponses(
              'VIOLATION_NOT_FOUND',
              'VIOLATION_INVALID_STATE',
              'VIOLATION_ATTACHMENT_REFUSED',
              'VIOLATION_TEXT_REQUIRED',
            ),
          },
        },
      },
      async (request) => violations.attach(requestContext(request), request.params.id, request.body),
    );
    app.get(
      `${API}/:id/attachments/:attachmentId`,
      {
        schema: {
          tags: TAGS,
          summary: '下载整改材料 / Download an attachment',
          params: Type.Object({ id: Id, attachmentId: Id }),
          response: errorResponses('VIOLATION_NOT_FOUND', 'VIOLATION_ATTACHMENT_NOT_FOUND'),
        },
      },
      async (request, reply) => {
        const file = await violations.attachment(
          requestContext(request),
          request.params.id,
          request.params.attachmentId,
        );
        return sendAttachment(reply, file);
      },
    );
    app.get(
      CIRCULARS,
      {
        schema: {
          tags: TAGS,
          summary: '已发布的通报 / Published circulars',
          querystring: CircularListQuery,
          response: {
            200: Type.Object({ items: Type.Array(CircularSchema), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => circulars.list(requestContext(request).actor, request.query),
    );
    app.get(
      `${CIRCULARS}/:id`,
      {
        schema: {
          tags: TAGS,
          summary: '通报全文及其摘要校验 / A circular with its digest checked',
          params: IdParams,
          response: { 200: CircularSchema, ...errorResponses('CIRCULAR_NOT_FOUND') },
        },
      },
      async (request) => circulars.get(requestContext(request), request.params.id),
    );
  };
