/**
 * The operation's stable name in the OpenAPI document, for generated clients: the method and the
 * path under the API's version, with path parameters as `By<Param>`.
 *
 * @example operationId('POST', '/api/v1/sharing/applications/{id}/approve') // 'postSharingApplicationsByIdApprove'
 */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+(?=\/|$)/, '')
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^(?:\{(\w+)\}|:(\w+))$/.exec(segment);
      return param ? `by-${param[1] ?? param[2]}` : segment;
    })
    .flatMap((segment) => segment.split(/[-_.]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join('');
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Gives every operation of an OpenAPI document that has none its `operationId`. */
export function nameOperations<Doc>(document: Doc): Doc {
  const paths = (document as { paths?: Record<string, Record<string, { operationId?: string }>> }).paths;
  // A copy: the methods of one route share one operation object.
  for (const [url, operations] of Object.entries(paths ?? {}))
    for (const [method, operation] of Object.entries(operations))
      if (METHODS.has(method) && !operation.operationId)
        operations[method] = { ...operation, operationId: operationId(method, url) };
  return document;
}
