import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TObject, type TSchema, type TString, Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import {
  type CaseStep,
  type CaseStepRoutesOptions,
  caseStepRoutes,
  NoteBody,
} from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { IdParams, ReasonBody, strict } from './schemas.js';

/**
 * A sharing case type's routes (`caseStepRoutes`) as every one of them is registered: under the
 * `sharing` tag, a case by its id, each request run in its user's context.
 */
export const sharingCaseRoutes = <Query extends TObject = TObject, OpenBody extends TSchema = TSchema>(
  options: Omit<CaseStepRoutesOptions<RequestContext, Query, OpenBody>, 'tags' | 'params' | 'context'>,
): FastifyPluginAsyncTypebox =>
  caseStepRoutes<RequestContext, Query, OpenBody>({
    ...options,
    tags: ['sharing'],
    params: IdParams,
    context: requestContext,
  });

type StepRun<Input> = (ctx: RequestContext, id: string, input: Input) => Promise<unknown>;

/**
 * A step that only carries an optional note (sign, file, approve, investigate).
 *
 * @example
 * sign: noteStep('提供部门签署 / The provider signs', (ctx, id, note) => agreements.sign(ctx, id, note)),
 */
export const noteStep = (
  summary: string,
  run: StepRun<string | undefined>,
  options: { errors?: readonly string[]; danger?: boolean } = {},
): CaseStep<RequestContext, typeof NoteBody> => ({
  summary,
  body: NoteBody,
  ...options,
  run: (ctx, id, body) => run(ctx, id, body.note),
});

/** Withdrawing a case: an optional note; the portal marks the button as undoing. */
export const withdrawStep = (summary: string, run: StepRun<string | undefined>) =>
  noteStep(summary, run, { danger: true });

/**
 * A step that refuses, declines, rejects or ends: the reason is required (an empty one is
 * `SHARING_REASON_REQUIRED`) and the portal marks the button as refusing. `reason` is the
 * reason's schema where it is not the common `Reason`; `errors`, the step's errors beyond.
 */
export const refusalStep = (
  summary: string,
  run: StepRun<string>,
  options: { reason?: TString; errors?: readonly string[] } = {},
): CaseStep<RequestContext, TObject<{ reason: TString }>> => ({
  summary,
  body: options.reason ? Type.Object({ reason: options.reason }, strict) : ReasonBody,
  errors: ['SHARING_REASON_REQUIRED', ...(options.errors ?? [])],
  danger: true,
  run: (ctx, id, body) => run(ctx, id, body.reason),
});
