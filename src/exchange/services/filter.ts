import { maskItem } from '../gateway/masking.js';
import type { HostedColumn, ItemValue } from '../model.js';

/**
 * What a provider's JSON answer may carry to a consumer: the grant's items (masked where the
 * grant says), the registration's passthrough fields, and nothing else.
 *
 * The answer is walked object by object. A field whose name is an item of the resource, or is
 * mapped to one by the registration's field map, is an item field:
 * - an item the read does not cover is dropped with all it holds, whatever its value;
 * - a covered item's scalar value (or array of scalars) is kept, masked if the item is masked;
 * - a covered item holding an object is walked like any other object: an item name does not
 *   release structured content.
 * A passthrough field keeps a scalar value (or array of scalars); any other scalar field is
 * DROPPED, so that a field the provider adds later never leaks before someone maps it. Objects
 * and arrays under other fields are walked. A bare scalar with no field (the elements of a
 * top-level array of scalars) is dropped too; a whole answer that is one scalar becomes `null`.
 */
export interface ResponsePlan {
  /** Field name → the item it carries: every item name, and the field map. */
  fields: ReadonlyMap<string, HostedColumn>;
  /** Items the read covers. */
  granted: ReadonlySet<string>;
  /** Covered items that reach the reader masked. */
  masked: ReadonlySet<string>;
  passthrough: ReadonlySet<string>;
}

export function responsePlan(
  columns: readonly HostedColumn[],
  fieldMap: Readonly<Record<string, string>>,
  passthrough: readonly string[],
  read: { columns: readonly HostedColumn[]; masked: ReadonlySet<string> },
): ResponsePlan {
  const byItem = new Map(columns.map((c) => [c.item, c]));
  const fields = new Map(byItem);
  for (const [field, item] of Object.entries(fieldMap)) {
    const column = byItem.get(item);
    if (column) fields.set(field, column);
  }
  return {
    fields,
    granted: new Set(read.columns.map((c) => c.item)),
    masked: read.masked,
    passthrough: new Set(passthrough),
  };
}

type Json = ItemValue | Json[] | { [key: string]: Json };

function isScalar(value: unknown): value is ItemValue {
  return value === null || typeof value !== 'object';
}

function isLeaf(value: unknown): value is ItemValue | ItemValue[] {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

/** What filtering did: the answer to send and how many fields it took out (for the trace). */
export interface Filtered {
  value: Json;
  dropped: number;
}

/**
 * Filters a parsed JSON answer to the plan.
 *
 * @example filterResponse({ 姓名: '张三', secret: 1 }, plan) // { value: { 姓名: '张*' }, dropped: 1 }
 */
export function filterResponse(value: unknown, plan: ResponsePlan): Filtered {
  let dropped = 0;
  const walk = (node: unknown): Json | undefined => {
    if (isScalar(node)) {
      dropped += 1;
      return undefined;
    }
    if (Array.isArray(node)) {
      const out: Json[] = [];
      for (const element of node) {
        const kept = walk(element);
        if (kept !== undefined) out.push(kept);
      }
      return out;
    }
    const out: { [key: string]: Json } = {};
    for (const [field, child] of Object.entries(node as Record<string, unknown>)) {
      const column = plan.fields.get(field);
      if (column) {
        if (!plan.granted.has(column.item)) {
          dropped += 1;
          continue;
        }
        if (isLeaf(child)) {
          out[field] = plan.masked.has(column.item) ? maskLeaf(column, child) : child;
          continue;
        }
      } else if (plan.passthrough.has(field) && isLeaf(child)) {
        out[field] = child;
        continue;
      } else if (isScalar(child)) {
        dropped += 1;
        continue;
      }
      const kept = walk(child);
      if (kept !== undefined) out[field] = kept;
    }
    return out;
  };
  return { value: walk(value) ?? null, dropped };
}

function maskLeaf(column: HostedColumn, value: ItemValue | ItemValue[]): Json {
  return Array.isArray(value) ? value.map((v) => maskItem(column, v)) : maskItem(column, value);
}
