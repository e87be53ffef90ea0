import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, auditContext, requestContext } from '../org/index.js';
import { errorResponses, strict } from '../platform/http/index.js';
import {
  IssueBody,
  KeyId,
  RevokeBody,
  RotateBody,
  Seal,
  SealedDocumentSchema,
  Verification,
} from './schemas.js';
import type { SealService } from './service.js';

const API = '/api/v1/seal';
const tags = ['seal'];
/** Anyone may verify a copy or fetch a public key, from one address no faster than this. */
const PUBLIC_LIMIT = { max: 300, timeWindow: '1 minute' };
const KeyParams = Type.Object({ keyId: KeyId }, strict);

/** Department electronic seals (issue 19; R106–R108) under `/api/v1/seal`. */
export const sealRoutes =
  (seals: SealService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      `${API}/seals`,
      {
        schema: {
          tags,
          summary: '为部门签发电子印章（系统管理员）/ Issue a department seal (operator)',
          body: IssueBody,
          response: {
            201: Seal,
            ...errorResponses(
              'SEAL_DEPARTMENT_NOT_FOUND',
              'SEAL_NAME_INVALID',
              'SEAL_VALIDITY_INVALID',
              'SEAL_ACTIVE_EXISTS',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await seals.issue(requestContext(request), request.body)),
    );
    app.get(
      `${API}/seals`,
      {
        schema: {
          tags,
          summary: '电子印章列表及状态 / Seals and their status',
          response: { 200: Type.Object({ items: Type.Array(Seal) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await seals.list(actorOf(request)) }),
    );
    app.post(
      `${API}/seals/:keyId/rotate`,
      {
        schema: {
          tags,
          summary:
            '轮换电子印章：签发新密钥，旧印章停用但仍可验证 / Rotate: a new key, the old one retired but verifiable',
          params: KeyParams,
          body: RotateBody,
          response: {
            201: Seal,
            ...errorResponses('SEAL_NOT_FOUND', 'SEAL_NOT_ACTIVE', 'SEAL_VALIDITY_INVALID'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await seals.rotate(requestContext(request), request.params.keyId, request.body)),
    );
    app.post(
      `${API}/seals/:keyId/revoke`,
      {
        schema: {
          tags,
          summary: '注销电子印章 / Revoke a seal',
          params: KeyParams,
          body: RevokeBody,
          response: { 200: Seal, ...errorResponses('SEAL_NOT_FOUND', 'SEAL_NOT_ACTIVE') },
        },
      },
      async (request) =>
        seals.revoke(requestContext(request), request.params.keyId, request.body.reason.trim()),
    );
    app.get(
      `${API}/seals/:keyId/public-key`,
      {
        config: { public: true, rateLimit: PUBLIC_LIMIT },
        schema: {
          tags,
          security: [],
          summary: "电子印章公钥（PEM，公开）/ A seal's public key (PEM, public)",
          params: KeyParams,
          response: {
            200: Type.String({ description: 'application/x-pem-file' }),
            ...errorResponses('SEAL_NOT_FOUND'),
          },
        },
      },
      async (request, reply) =>
        reply.type('application/x-pem-file').send(await seals.publicKeyPem(request.params.keyId)),
    );
    app.get(
      `${API}/seals/:keyId/image.svg`,
      {
        config: { public: true, rateLimit: PUBLIC_LIMIT },
        schema: {
          tags,
          security: [],
          summary: "电子印章印模（SVG，公开）/ The seal's image (SVG, public)",
          params: KeyParams,
          response: {
            200: Type.String({ description: 'image/svg+xml' }),
            ...errorResponses('SEAL_NOT_FOUND'),
          },
        },
      },
      async (request, reply) =>
        reply.type('image/svg+xml; charset=utf-8').send(await seals.imageSvg(request.params.keyId)),
    );
    app.post(
      `${API}/verify`,
      {
        config: { public: true, rateLimit: PUBLIC_LIMIT },
        schema: {
          tags,
          security: [],
          summary: '核验电子签章文档（公开，无需登录）/ Verify a sealed document (public, no sign-in)',
          body: SealedDocumentSchema,
          response: { 200: Verification, ...errorResponses() },
        },
      },
      async (request) => seals.verifyPublic(auditContext(request), request.body),
    );
  };
