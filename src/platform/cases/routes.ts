import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../http/errors.js';
import type { CaseDeclaration, Label } from './declare.js';
import { describeBody } from './registry.js';

/** The body of a step that only carries an optional note. */
export const NoteBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** One step of a case as an HTTP route: `POST <base>/:id/<path>`, answering the case after the step. */
export interface CaseStep<Ctx, Body extends TObject = TObject> {
  summary: string;
  /** The URL segment; defaults to the action's name with `_` written `-`. */
  path?: string;
  body: Body;
  /** Errors of this step beyond the common ones (not found, invalid state, forbidden). */
  errors?: readonly string[];
  /** A step that refuses, ends or undoes (the portal marks its button as such). */
  danger?: boolean;
  run(ctx: Ctx, id: string, body: Static<Body>): Promise<unknown>;
}

/** Opening a case as an HTTP route: `POST <base>`, answering the new case with 201. */
export interface CaseOpening<Ctx, Body extends TSchema = TSchema> {
  summary: string;
  description?: string;
  body: Body;
  /** Every error opening can give (the common ones are added). */
  errors: readonly string[];
  run(ctx: Ctx, body: Static<Body>): Promise<unknown>;
}

/** What `caseStepRoutes` registers: the case type, its API and how each route runs. */
export interface CaseStepRoutesOptions<
  Ctx,
  Query extends TObject = TObject,
  OpenBody extends TSchema = TSchema,
> {
  /** The declared case type: its states and steps are listed for the portal's case page. */
  type: Pick<CaseDeclaration<never, never, string, string, string>, 'type' | 'statuses' | 'deadlines'> & {
    errors?: { notFound: string; invalidState: string };
    actions: Record<string, { label: Label; from: readonly string[] }>;
    opening?: { action: string; label: Label } | undefined;
  };
  /** Fields of the case shown in the portal's summary of it. */
  summary?: { key: string; label: Label }[];
  base: string;
  tags: string[];
  params: TObject<{ id: TSchema }>;
  response: TSchema;
  /** The errors every step can give; the declaration's not-found and invalid-state errors by default. */
  errors?: readonly string[];
  context(request: FastifyRequest): Ctx;
  /** `POST <base>`: opens a case of the type. */
  open?: CaseOpening<Ctx, OpenBody>;
  /** `GET <base>/:id`: the case with its timeline, or the not-found error (`errors[0]`). */
  read?: { summary: string; run(ctx: Ctx, id: string): Promise<unknown> };
  /** `GET <base>`: a page of the cases the reader may see, filtered by `query`. */
  list?: {
    summary: string;
    query: Query;
    item: TSchema;
    run(ctx: Ctx, query: Static<Query>): Promise<{ items: unknown[]; total: number }>;
  };
  /** The steps by action name, each declared through `step` so that its body's type reaches `run`. */
  steps(
    step: <Body extends TObject>(declared: CaseStep<Ctx, Body>) => CaseStep<Ctx, Body>,
    // biome-ignore lint/suspicious/noExplicitAny: each step has its own body type, checked where it is declared
  ): Record<string, CaseStep<Ctx, any>>;
}

/**
 * The routes of a case type's steps, all alike: authenticated by the platform's hook, the id
 * and body validated by their schemas, the request turned into the service's context, the case
 * answered as it stands after the step. Every step's OpenAPI entry lists the errors it can give.
 *
 * @example
 * app.register(caseStepRoutes({
 *   base: '/api/v1/sharing/stops', tags: ['sharing'], params: IdParams, response: StopSchema,
 *   errors: ['STOP_NOT_FOUND', 'STOP_INVALID_STATE'], context: requestContext,
 *   steps: (step) => ({
 *     withdraw: step({ summary: '撤回 / Withdraw', body: NoteBody, run: (ctx, id, b) => stops.withdraw(ctx, id, b.note) }),
 *   }),
 * }));
 */
export function caseStepRoutes<Ctx, Query extends TObject = TObject, OpenBody extends TSchema = TSchema>(
  options: CaseStepRoutesOptions<Ctx, Query, OpenBody>,
): FastifyPluginAsyncTypebox {
  const errors =
    options.errors ??
    (options.type.errors ? [options.type.errors.notFound, options.type.errors.invalidState] : []);
  return async (app) => {
    const steps = Object.entries(options.steps((declared) => declared));
    for (const [action] of steps)
      if (!(action in options.type.actions))
        throw new Error(`case ${options.type.type}: route for undeclared action ${action}`);
    app.caseTypes?.add({
      type: options.type.type,
      api: options.base,
      statuses: options.type.statuses,
      actions: Object.fromEntries(
        steps.map(([action, step]) => [
          action,
          {
            label: buttonLabel(action, (options.type.actions[action] as { label: Label }).label),
            from: [...(options.type.actions[action] as { from: readonly string[] }).from],
            path: pathOf(action, step),
            fields: describeBody(step.body),
            danger: step.danger ?? false,
          },
        ]),
      ),
      summary: options.summary ?? [],
      deadlines: (options.type.deadlines ?? []).map((d) => ({
        label: d.label,
        profileFields: [...d.profileFields],
        runsIn: [...d.runsIn],
      })),
      events: {
        ...(options.type.opening ? { [options.type.opening.action]: options.type.opening.label } : {}),
        ...Object.fromEntries(
          Object.entries(options.type.actions).map(([action, declared]) => [action, declared.label]),
        ),
      },
    });
    const { open, list, read } = options;
    if (open)
      app.post(
        options.base,
        {
          schema: {
            tags: options.tags,
            summary: open.summary,
            ...(open.description === undefined ? {} : { description: open.description }),
            body: open.body,
            response: { 201: options.response, ...errorResponses(...open.errors) },
          },
        },
        async (request, reply) =>
          reply.status(201).send(await open.run(options.context(request), request.body as Static<OpenBody>)),
      );
    if (list)
      app.get(
        options.base,
        {
          schema: {
            tags: options.tags,
            summary: list.summary,
            querystring: list.query,
            response: {
              200: Type.Object({ items: Type.Array(list.item), total: Type.Integer() }),
              ...errorResponses(),
            },
          },
        },
        async (request) => list.run(options.context(request), request.query as Static<Query>),
      );
    if (read)
      app.get(
        `${options.base}/:id`,
        {
          schema: {
            tags: options.tags,
            summary: read.summary,
            params: options.params,
            response: { 200: options.response, ...errorResponses(...errors.slice(0, 1)) },
          },
        },
        async (request) => read.run(options.context(request), (request.params as { id: string }).id),
      );
    for (const [action, step] of steps) {
      app.post(
        `${options.base}/:id/${pathOf(action, step)}`,
        {
          schema: {
            tags: options.tags,
            summary: step.summary,
            params: options.params,
            body: step.body,
            response: {
              200: options.response,
              ...errorResponses(...errors, ...(step.errors ?? [])),
            },
          },
        },
        async (request) =>
          step.run(options.context(request), (request.params as { id: string }).id, request.body),
      );
    }
  };
}

const pathOf = (action: string, step: { path?: string | undefined }): string =>
  step.path ?? action.replaceAll('_', '-');

/** A step's button: the declared verb in Chinese; in English the action's name ("refuse_filing" → "Refuse filing"). */
const buttonLabel = (action: string, label: Label): Label => ({
  zh: label.zh,
  en: action.charAt(0).toUpperCase() + action.slice(1).replaceAll('_', ' '),
});
