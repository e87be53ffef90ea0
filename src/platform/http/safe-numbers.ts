import { _, type Ajv } from 'ajv';

// Untyped keywords on purpose: Ajv guards its number keywords with isFinite, so a typed one would
// never see the Infinity it is here to refuse.
/**
 * Adds the keywords `safeNumbers` puts into route schemas. They run after Ajv has coerced a query
 * string, path or header value, where Ajv's own integer and range checks let `Infinity` through
 * (`1e309`, `Infinity`), and where an integer past 2^53 is no longer the number that was sent.
 */
export function addSafeNumberKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: 'safeInteger',
    schemaType: 'boolean',
    error: { message: 'must be a safe integer (|n| ≤ 2^53 − 1)' },
    code(cxt) {
      if (cxt.schema) cxt.fail(_`typeof ${cxt.data} == "number" && !Number.isSafeInteger(${cxt.data})`);
    },
  });
  ajv.addKeyword({
    keyword: 'finiteNumber',
    schemaType: 'boolean',
    error: { message: 'must be a finite number' },
    code(cxt) {
      if (cxt.schema) cxt.fail(_`typeof ${cxt.data} == "number" && !Number.isFinite(${cxt.data})`);
    },
  });
}

/**
 * A copy of a route schema in which every integer must be a safe integer and every number finite,
 * so that such input fails validation (400, naming the field) for body, query, path and headers
 * alike instead of reaching SQL as a 500. The route's own schema (and so the OpenAPI document) is
 * left as written.
 */
export function safeNumbers(schema: unknown): object {
  return mark(schema) as object;
}

const LITERAL = new Set(['const', 'default', 'enum', 'examples']);

function mark(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(mark);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = LITERAL.has(key) ? value : mark(value);
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('integer')) out.safeInteger = true;
  else if (types.includes('number')) out.finiteNumber = true;
  return out;
}
