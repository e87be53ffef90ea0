import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, CommonErrors, errorCatalogue, localeFrom } from '../errors/index.js';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '稳定的错误代码 / stable error code' }),
      message: Type.String(),
      field: Type.Optional(Type.String({ description: '出错的输入字段 / offending input field' })),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorBody', title: 'ErrorBody' },
);

const ALWAYS = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'INTERNAL'];

/**
 * OpenAPI responses for a route's error codes, grouped by HTTP status. Every route lists the
 * codes it can answer with, so a department system integrator knows what to handle.
 */
export function errorResponses(...codes: string[]): Record<string, TSchema> {
  const byStatus = new Map<number, string[]>();
  for (const code of [...ALWAYS, ...codes]) {
    const def = errorCatalogue().get(code);
    if (!def) throw new Error(`route declares unknown error code ${code}`);
    const list = byStatus.get(def.status) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(def.status, list);
  }
  const out: Record<string, TSchema> = {};
  for (const [status, list] of byStatus) {
    out[String(status)] = Type.Ref(ErrorBody, {
      description: list.map((c) => `${c}: ${errorCatalogue().get(c)?.zh}`).join('; '),
    });
  }
  return out;
}

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns whatever was thrown into a catalogue error. Anything unrecognised is a 500. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    const issue = fe.validation[0] as ValidationIssue;
    const base = `/${fe.validationContext ?? 'body'}${issue.instancePath}`;
    if (issue.keyword === 'additionalProperties') {
      return CommonErrors.error('UNKNOWN_FIELD', {
        field: `${base}/${String(issue.params.additionalProperty)}`,
      });
    }
    if (issue.keyword === 'required') {
      return CommonErrors.error('VALIDATION_FAILED', {
        field: `${base}/${String(issue.params.missingProperty)}`,
        reason: 'is required',
      });
    }
    return CommonErrors.error('VALIDATION_FAILED', { field: base, reason: issue.message ?? issue.keyword });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return CommonErrors.error('MALFORMED_JSON', { field: '/body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return CommonErrors.error('BODY_TOO_LARGE', { field: '/body', limit: request.routeOptions.bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return CommonErrors.error('UNSUPPORTED_MEDIA_TYPE', {
        contentType: request.headers['content-type'] ?? '',
      });
    case 'FST_ERR_RATE_LIMITED':
      return CommonErrors.error('RATE_LIMITED');
  }
  if (fe.statusCode === 429) return CommonErrors.error('RATE_LIMITED');
  if (error instanceof SyntaxError && fe.statusCode === 400)
    return CommonErrors.error('MALFORMED_JSON', { field: '/body' });
  return CommonErrors.error('INTERNAL', { requestId: request.id }, { cause: error });
}

/**
 * Errors Fastify's router raises before any route or hook runs (a path that is not valid
 * percent-encoded UTF-8, a path parameter past the router's length limit): by default Fastify
 * answers them itself, with its own codes and the whole path echoed back (issue 15).
 */
export function frameworkError(error: FastifyError, request: FastifyRequest): AppError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return CommonErrors.error('INPUT_ILL_FORMED_TEXT', { field: '/params' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return CommonErrors.error('VALIDATION_FAILED', {
        field: '/params',
        reason: { zh: `超过 ${MAX_PARAM_LENGTH} 个字符`, en: `longer than ${MAX_PARAM_LENGTH} characters` },
      });
  }
  return CommonErrors.error('INTERNAL', { requestId: request.id }, { cause: error });
}

/** The longest path parameter the router matches (ids are at most 64 characters). */
export const MAX_PARAM_LENGTH = 200;

/**
 * Answers an error. The body is serialized here, not by the route's response schemas: if those
 * could not serialize it, Fastify's fallback would answer FST_ERR_FAILED_ERROR_SERIALIZATION with
 * both internal messages in it (issue 15).
 */
export function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = localeFrom(request.headers['accept-language']);
  const body = JSON.stringify({
    error: {
      code: error.code,
      message: error.localized(locale),
      ...(error.field ? { field: error.field } : {}),
      requestId: request.id,
    },
  });
  return reply
    .status(error.status)
    .header('content-language', locale)
    .type('application/json; charset=utf-8')
    .send(body);
}
