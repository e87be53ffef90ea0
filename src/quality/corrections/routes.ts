import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { caseStepRoutes, sendAttachment } from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { errorResponses, Id } from '../../platform/http/index.js';
import { CorrectionCase } from './case.js';
import {
  CorrectBody,
  CorrectionListQuery,
  CorrectionNoteBody,
  CorrectionReasonBody,
  CorrectionReplySchema,
  CorrectionSchema,
  FileCorrectionBody,
} from './schemas.js';
import type { CorrectionService } from './service.js';

const API = '/api/v1/quality/corrections';
const IdParams = Type.Object({ id: Id });
const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });

/** Verification and correction requests (校核纠错, R80–R84, R134) under `/api/v1/quality/corrections`. */
export const correctionRoutes =
  (deps: { corrections: CorrectionService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { corrections } = deps;
    await app.register(
      caseStepRoutes<RequestContext, typeof CorrectionListQuery, typeof FileCorrectionBody>({
        type: CorrectionCase,
        base: API,
        tags: ['quality'],
        params: IdParams,
        response: CorrectionSchema,
        context: requestContext,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'consumer.name', label: { zh: '申请部门', en: 'Filed by' } },
          { key: 'provider.name', label: { zh: '提供部门', en: 'Provider' } },
          { key: 'description', label: { zh: '申请说明', en: 'Description' } },
        ],
        open: {
          summary:
            '提出数据校核申请（针对记录或整个资源）/ File a verification request on records or a resource',
          body: FileCorrectionBody,
          errors: [
            'CORRECTION_NOT_HOSTED',
            'CORRECTION_NO_GRANT',
            'CORRECTION_OWN_RESOURCE',
            'CORRECTION_RECORDS_REQUIRED',
            'CORRECTION_KEY_INVALID',
            'CORRECTION_ITEM_UNKNOWN',
            'CORRECTION_ATTACHMENT_REFUSED',
            'CORRECTION_REASON_REQUIRED',
          ],
          run: (ctx, body) => corrections.file(ctx, body),
        },
        read: {
          summary: '校核申请及其办理过程 / A verification request with its timeline',
          run: (ctx, id) => corrections.read(ctx, id),
        },
        list: {
          summary: '校核申请列表 / Verification requests',
          query: CorrectionListQuery,
          item: CorrectionSchema,
          run: (ctx, query) => corrections.list(ctx.actor, query),
        },
        steps: (step) => ({
          forward: step({
            summary: '主管部门转提供部门核查（非技术性原因）/ The authority forwards it to the provider',
            body: CorrectionNoteBody,
            run: (ctx, id, body) => corrections.forward(ctx, id, body.note),
          }),
          resolve: step({
            summary: '主管部门直接处理（技术性原因）/ The authority resolves a technical cause itself',
            body: Type.Object(
              { note: Type.String({ minLength: 1, maxLength: 2000, description: '处理说明 / Note' }) },
              { additionalProperties: false },
            ),
            errors: ['CORRECTION_REASON_REQUIRED'],
            run: (ctx, id, body) => corrections.resolve(ctx, id, body.note),
          }),
          correct: step({
            summary: '提供部门更正数据（经托管数据写入）/ The provider corrects the records',
            body: CorrectBody,
            errors: ['CORRECTION_BUSY', 'EXCHANGE_BATCH_REJECTED', 'EXCHANGE_RESOURCE_SUSPENDED'],
            run: (ctx, id, body) => corrections.correct(ctx, id, body),
          }),
          confirm: step({
            summary: '提供部门核实无误 / The provider confirms the data is right',
            body: CorrectionNoteBody,
            run: (ctx, id, body) => corrections.confirm(ctx, id, body.note),
          }),
          reject: step({
            summary: '不予更正（须说明理由）/ Reject with a reason',
            body: CorrectionReasonBody,
            danger: true,
            errors: ['CORRECTION_REASON_REQUIRED'],
            run: (ctx, id, body) => corrections.reject(ctx, id, body.reason),
          }),
          withdraw: step({
            summary: '申请部门撤回 / The filer withdraws it',
            body: CorrectionNoteBody,
            danger: true,
            run: (ctx, id, body) => corrections.withdraw(ctx, id, body.note),
          }),
        }),
      }),
    );

    app.get(
      `${API}/:id/reply`,
      {
        schema: {
          tags: ['quality'],
          summary: '校核申请的书面答复（可打印）/ The printable reply of a closed request',
          params: IdParams,
          response: {
            200: CorrectionReplySchema,
            ...errorResponses('CORRECTION_NOT_FOUND', 'CORRECTION_REPLY_NOT_READY'),
          },
        },
      },
      async (request) => corrections.reply(requestContext(request), request.params.id),
    );

    app.get(
      `${API}/:id/attachments/:attachmentId`,
      {
        schema: {
          tags: ['quality'],
          summary: '下载校核申请附件 / Download an attachment of a request',
          params: AttachmentParams,
          response: errorResponses('CORRECTION_NOT_FOUND', 'CORRECTION_ATTACHMENT_NOT_FOUND'),
        },
      },
      async (request, reply) => {
        const file = await corrections.attachment(
          requestContext(request),
          request.params.id,
          request.params.attachmentId,
        );
        return sendAttachment(reply, file);
      },
    );
  };
