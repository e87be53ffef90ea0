import { type TSchema, Type } from '@sinclair/typebox';
import { Id, literals, strict } from '../platform/http/index.js';

/** The schema pieces every exchange route file speaks with. */
export const tags = ['exchange'];
export { Id, literals, strict };

/** A page of a list, optionally of one catalog entry's items. */
export const EntryPageQuery = Type.Object(
  {
    entryId: Type.Optional(Id),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  strict,
);

/** One page of items and the count of all of them. */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });
