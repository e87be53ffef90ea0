import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyValidationResult } from 'fastify/types/schema.js';

/**
 * Validators and serializers compiled on a route's first use instead of at start-up.
 *
 * Fastify compiles the request validators (Ajv) and response serializers (fast-json-stringify)
 * of every route when the server gets ready: for this platform's ~200 operations that is most of
 * a start-up, paid again by each test platform and by each node on restart, although a node or a
 * test uses a handful of them. Compiling on first use moves a few milliseconds to the first call
 * of each route. A schema that cannot compile then fails that route's first call; the API fuzz
 * test calls every operation, so such a schema still fails the build.
 */

type Validator = FastifyValidationResult;

/** A validator that compiles on its first call and keeps Ajv's `errors` where Fastify reads them. */
export function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined;
  const validate: Validator = (data: unknown) => {
    compiled ??= compile();
    const result = compiled(data);
    validate.errors = compiled.errors;
    return result;
  };
  return validate;
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** Fastify's own serializer factory (fast-json-stringify), each serializer built on first use. */
export function lazySerializers(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compilerFor = build(externalSchemas, options);
    return (route) => {
      let serialize: ((doc: unknown) => string) | undefined;
      return (doc) => {
        serialize ??= compilerFor(route);
        return serialize(doc);
      };
    };
  };
}
