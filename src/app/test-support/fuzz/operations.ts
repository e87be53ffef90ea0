import { BODY_VALUES, HEADER_CASES, RAW, URL_VALUES, WHOLE_BODIES } from './hostile.js';
import type { SeededRandom } from './random.js';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema as the OpenAPI document holds it.
type Schema = Record<string, any>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  body?: Schema;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What is hostile about it, for the failure message. */
  label: string;
}

/** Every operation of an OpenAPI document, with its `$ref`s resolved. */
export function operationsOf(document: Schema): Operation[] {
  const resolve = (schema: Schema | undefined, depth = 0): Schema | undefined => {
    if (!schema || depth > 20) return schema;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return resolve(document.components?.schemas?.[name], depth + 1);
    }
    return schema;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      operations.push({
        method: method.toUpperCase(),
        path,
        params: ((op.parameters ?? []) as Parameter[]).map((p) => ({ ...p, schema: resolve(p.schema) })),
        ...(body ? { body: withRefs(body, resolve) } : {}),
      });
    }
  }
  return operations;
}

function withRefs(schema: Schema, resolve: (s: Schema | undefined) => Schema | undefined, depth = 0): Schema {
  if (depth > 12) return {};
  const s = resolve(schema) ?? {};
  const out: Schema = { ...s };
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(s[key])) out[key] = s[key].map((x: Schema) => withRefs(x, resolve, depth + 1));
  if (s.items && typeof s.items === 'object') out.items = withRefs(s.items, resolve, depth + 1);
  if (s.properties)
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [
        k,
        withRefs(v, resolve, depth + 1),
      ]),
    );
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    out.additionalProperties = withRefs(s.additionalProperties, resolve, depth + 1);
  return out;
}

const PATTERN_CANDIDATES = [
  'abc123',
  'abc',
  '11990100010242484J',
  '2026-10-08',
  '12345678',
  '990100',
  'a',
  '示范',
];

/**
 * A value the schema accepts, as far as a schema can say (ids come from the world's own objects,
 * so that hostile values in one place reach the handler behind valid values elsewhere).
 */
export function validValue(
  schema: Schema | undefined,
  rng: SeededRandom,
  ids: readonly string[],
  depth = 0,
): unknown {
  if (!schema || depth > 8) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length > 0) return validValue(rng.pick(union), rng, ids, depth + 1);
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...schema.allOf.map((s: Schema) => validValue(s, rng, ids, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return rng.chance(0.5);
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, 1);
      const items = Array.from({ length: n }, () => validValue(schema.items, rng, ids, depth + 1));
      return schema.uniqueItems ? [...new Map(items.map((i) => [JSON.stringify(i), i])).values()] : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
        if ((schema.required ?? []).includes(key) || rng.chance(0.5))
          out[key] = validValue(prop, rng, ids, depth + 1);
      if (schema.minProperties && Object.keys(out).length < schema.minProperties)
        out.k = validValue(
          typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {},
          rng,
          ids,
          depth + 1,
        );
      return out;
    }
    default:
      return validString(schema, rng, ids);
  }
}

function validString(schema: Schema, rng: SeededRandom, ids: readonly string[]): string {
  switch (schema.format) {
    case 'date':
      return '2026-10-08';
    case 'date-time':
      return '2026-10-08T02:00:00.000Z';
    case 'email':
      return 'fuzz@example.org';
    case 'uri':
    case 'url':
      return 'https://example.org/hook';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    const fit = PATTERN_CANDIDATES.find((c) => pattern.test(c));
    if (fit) return fit;
  }
  if ((schema.maxLength ?? 64) >= 16 && ids.length > 0 && rng.chance(0.5)) return rng.pick(ids);
  const min = schema.minLength ?? 1;
  return '示范'.repeat(Math.ceil(min / 2)).slice(0, Math.max(min, 2));
}

/** The paths into a body where a hostile value can go: every property, array item and the body itself. */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths.push(...fieldPaths(v, [...prefix, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths.push(...fieldPaths(v, [...prefix, k]));
  return paths;
}

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(target) ? [...target] : { ...(target as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/** JSON text with every {@link RAW} marker object replaced by its raw token. */
function serialise(body: unknown): string {
  const tokens: string[] = [];
  const text = JSON.stringify(body, (_k, v) => {
    if (v && typeof v === 'object' && RAW in v) {
      tokens.push(v[RAW]);
      return `${RAW}${tokens.length - 1}`;
    }
    return v;
  });
  return text.replace(new RegExp(`"${RAW}(\\d+)"`, 'g'), (_m, i: string) => tokens[Number(i)] as string);
}

export type CaseKind = 'path' | 'query' | 'header' | 'field' | 'body' | 'valid';

/**
 * One request to an operation: valid values everywhere but in one place (a path parameter, a
 * query or header parameter, a body field, the whole body or a header), chosen by the seed.
 */
export function hostileRequest(
  op: Operation,
  rng: SeededRandom,
  ids: readonly string[],
  /** Values a parameter may not take (a long poll's wait, which would legitimately hold the request). */
  capped: (op: Operation, param: string, value: string) => boolean,
): FuzzRequest {
  const kinds: CaseKind[] = ['valid', 'header'];
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const headerParams = op.params.filter((p) => p.in === 'header');
  if (pathParams.length) kinds.push('path', 'path', 'path');
  if (queryParams.length) kinds.push('query', 'query', 'query');
  if (headerParams.length) kinds.push('query');
  if (op.body) kinds.push('field', 'field', 'field', 'field', 'body', 'body');
  else if (op.method !== 'GET') kinds.push('body');
  const kind = rng.pick(kinds);

  const values: Record<string, string> = {};
  for (const p of op.params)
    if (p.required || rng.chance(0.3))
      values[`${p.in}:${p.name}`] = encodeURIComponent(String(validValue(p.schema, rng, ids)));
  let label = 'valid values';
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;

  if (kind === 'path' || kind === 'query') {
    const candidates = kind === 'path' ? pathParams : [...queryParams, ...headerParams];
    const p = rng.pick(candidates);
    let value = rng.pick(URL_VALUES);
    while (capped(op, p.name, value)) value = rng.pick(URL_VALUES);
    if (p.in === 'header') {
      value = decodeLatin1(value);
      label = `header ${p.name}=${preview(value)}`;
    } else label = `${p.in} ${p.name}=${preview(value)}`;
    values[`${p.in}:${p.name}`] = value;
    if (p.in === 'query' && rng.chance(0.15)) {
      values[`query:${p.name}`] = `${value}&${p.name}=${value}`;
      label += ' (repeated)';
    }
  } else if (kind === 'header') {
    const c = rng.pick(HEADER_CASES);
    Object.assign(headers, c.headers);
    label = c.label;
  }

  if (op.body && kind !== 'body') {
    let body = validValue(op.body, rng, ids);
    if (kind === 'field') {
      const at = rng.pick(fieldPaths(body));
      const value = rng.pick(BODY_VALUES);
      body = setAt(body, at, value);
      label = `body /${at.join('/')}=${preview(serialise(value))}`;
    } else if (kind === 'valid' && rng.chance(0.3)) {
      (body as Record<string, unknown>).unknownField = 'x';
      label = 'valid values and an unknown field';
    }
    payload = serialise(body);
    headers['content-type'] ??= 'application/json';
  } else if (kind === 'body') {
    const whole = rng.pick(WHOLE_BODIES);
    payload = whole.payload;
    if (whole.contentType) headers['content-type'] = whole.contentType;
    label = whole.label;
  }

  let url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[`path:${name}`] ?? 'x');
  const query = queryParams
    .filter((p) => values[`query:${p.name}`] !== undefined)
    .map((p) => `${encodeURIComponent(p.name)}=${values[`query:${p.name}`]}`);
  if (query.length) url += `?${query.join('&')}`;
  for (const p of headerParams) {
    const v = values[`header:${p.name}`];
    if (v !== undefined)
      headers[p.name] = kind === 'query' && label.startsWith(`header ${p.name}`) ? v : safeHeader(v);
  }
  return { method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}), label };
}

/** A percent-encoded value as the Latin-1 string a header can carry. */
function decodeLatin1(value: string): string {
  return Buffer.from(
    value.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  )
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
    .slice(0, 8000);
}

function safeHeader(encoded: string): string {
  const text = decodeURIComponent(encoded);
  return /^[\t\x20-\x7e]*$/.test(text) ? text : encoded;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 30)}…(${text.length} chars)` : text;
}
