/**
 * The API contract as the portal's calls meet it: the paths of the generated OpenAPI types
 * (`schema.ts`, `npm run api:types`), matched against the paths pages build, segment by segment.
 * A call's path and method give the type of its answer, of its body and of its query; a path the
 * contract does not have fails the type check.
 */
import type { components, paths } from './schema.ts';

/** The portal's calls are under `/api/v1`; their paths are written without it. */
type V1 = { [K in keyof paths as K extends `/api/v1${infer R}` ? R : never]: paths[K] };

/** A path template of the contract, e.g. `/sharing/complaints/{id}`. */
export type ContractPath = keyof V1 & string;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The body of every error answer. */
export type ErrorBody = components['schemas']['ErrorBody'];

type Segments<S extends string> = S extends `${infer H}/${infer R}` ? [H, ...Segments<R>] : [S];

/** A path segment the page built against one of the contract's: a `{param}` takes any value. */
type SegmentsMatch<A extends string[], T extends string[]> = A extends [
  infer a extends string,
  ...infer ar extends string[],
]
  ? T extends [infer t extends string, ...infer tr extends string[]]
    ? t extends `{${string}}`
      ? SegmentsMatch<ar, tr>
      : a extends t
        ? SegmentsMatch<ar, tr>
        : false
    : false
  : T extends []
    ? true
    : false;

/**
 * The contract's path templates a built path matches. A path written out in full is its own
 * template, as the router takes a static path before a parameter (`/sharing/complaints/misuse-findings`
 * is not the complaint `{id}`); a plain `string` matches nothing, as nothing is known of it. A
 * path may carry a query string its page built (the search page forwards its own URL's): the
 * path before it is matched.
 */
export type TemplateOf<P extends string> = string extends P
  ? never
  : P extends `${infer Path}?${string}`
    ? TemplateOf<Path>
    : P extends ContractPath
      ? P
      : {
          [K in ContractPath]: SegmentsMatch<Segments<P>, Segments<K>> extends true ? K : never;
        }[ContractPath];

declare const described: unique symbol;

/**
 * A path the server describes at run time instead of in the contract: a case type's collection
 * from `/cases/types`, which the kernel case page shows whatever the type. What it answers is
 * `unknown`, for the page to narrow, and it takes any JSON object as its body.
 */
export type DescribedPath = string & { readonly [described]: true };

type DescribedOperation = {
  requestBody: { content: { 'application/json': Record<string, unknown> } };
  responses: { 200: { content: { 'application/json': unknown } } };
};

type Operation<P extends string, M extends Method> = P extends DescribedPath
  ? DescribedOperation
  : V1[TemplateOf<P>] extends infer Item
    ? Item extends Record<Lowercase<M>, infer Op>
      ? Op
      : never
    : never;

type JsonOf<C> = C extends { content: { 'application/json': infer J } } ? J : undefined;

type Success<R> = {
  [C in keyof R]: C extends 200 | 201 | 202 ? JsonOf<R[C]> : C extends 204 ? undefined : never;
}[keyof R];

// Each of these takes the operations one by one (a naked type parameter distributes), so a path
// that is a union of paths (a step among several) has the union of their answers and bodies.

type SuccessOf<O> = O extends { responses: infer R } ? Success<R> : never;

/** What a successful call answers: its 200, 201 or 202 body; nothing for a 204. */
export type ResponseOf<P extends string, M extends Method = 'GET'> = SuccessOf<Operation<P, M>>;

type StatusOf<O, S extends number> = O extends { responses: infer R }
  ? S extends keyof R
    ? JsonOf<R[S]>
    : never
  : never;

/** What a call answers with one status, an error's too (a refused import's 422 lists its errors). */
export type AnswerOf<P extends string, M extends Method, S extends number> = StatusOf<Operation<P, M>, S>;

type RequestBodyOf<O> = O extends { requestBody?: infer B }
  ? [B] extends [never] | [undefined]
    ? Record<string, never>
    : B extends { content: { 'application/json': infer J } }
      ? J
      : never
  : never;

/** The JSON body a call sends; an operation that reads none is sent an empty object or nothing. */
export type BodyOf<P extends string, M extends Method> = M extends 'GET'
  ? never
  : RequestBodyOf<Operation<P, M>>;

type QueryParametersOf<O> = O extends { parameters: { query?: infer Q } }
  ? [Q] extends [never] | [undefined]
    ? Record<string, never>
    : { [K in keyof NonNullable<Q>]?: NonNullable<Q>[K] | null }
  : never;

/**
 * The query a call may send: the contract's parameters, each optional (the server has a default
 * for what it requires, or answers a 400 the page shows) and null or undefined for "not given"
 * (the client leaves those out of the URL).
 */
export type QueryOf<P extends string, M extends Method = 'GET'> = QueryParametersOf<Operation<P, M>>;

/** `/sharing/complaints/{id}` → `` `/sharing/complaints/${string}` ``: the paths a template stands for. */
type Pattern<K extends string> = K extends `${infer A}{${string}}${infer B}`
  ? `${A}${string}${Pattern<B>}`
  : K;

type PatternFor<M extends Method> = {
  [K in ContractPath]: V1[K] extends Record<Lowercase<M>, unknown> ? Pattern<K> : never;
}[ContractPath];

/** Every path the contract has for a method, as a page may build it (with its query string or not). */
export type PathFor<M extends Method> = PatternFor<M> | `${PatternFor<M>}?${string}` | DescribedPath;

/** Nothing more where the contract has the built path for the method; a path it lacks meets `never`. */
export type KnownPath<P extends string, M extends Method> = [Operation<P, M>] extends [never]
  ? never
  : unknown;

/**
 * The steps under a path with a method, as the last segment of the contract's paths:
 * `StepOf<'/sharing/agreements/{id}'>` is `'withdraw' | 'sign' | 'decline' | 'file' | 'refuse-filing'`.
 */
export type StepOf<Base extends ContractPath, M extends Method = 'POST'> = {
  [K in ContractPath]: K extends `${Base}/${infer S}`
    ? S extends `${string}/${string}`
      ? never
      : V1[K] extends Record<Lowercase<M>, unknown>
        ? S
        : never
    : never;
}[ContractPath];
