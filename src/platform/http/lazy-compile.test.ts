import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { lazySerializers, lazyValidator } from './lazy-compile.js';

describe('schemas compiled on first use', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };

  it('compiles a validator once, on its first call, and passes on its errors each call', () => {
    let compiled = 0;
    const validate = lazyValidator(() => {
      compiled++;
      return new Ajv().compile(schema);
    });
    expect(compiled).toBe(0);
    expect(validate({ n: 'x' })).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ instancePath: '/n', keyword: 'type' })]);
    expect(validate({ n: 1 })).toBe(true);
    expect(validate.errors).toBeNull();
    expect(validate({})).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('required');
    expect(compiled).toBe(1);
  });

  it('serializes with the route schema (unknown properties dropped) once first asked', () => {
    const serializerFor = lazySerializers()({}, {});
    const serialize = serializerFor({
      method: 'GET',
      url: '/x',
      httpStatus: '200',
      schema: { type: 'object', properties: { n: { type: 'integer' } } },
    });
    expect(serialize({ n: 2, secret: 'dropped' })).toBe('{"n":2}');
  });

  it('fails the first call, not the start, for a schema that cannot compile', () => {
    const validate = lazyValidator(() => new Ajv().compile({ type: 'no-such-type' }));
    expect(() => validate({})).toThrow();
  });
});
