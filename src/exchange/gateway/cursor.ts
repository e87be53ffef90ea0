import { createHash } from 'node:crypto';

import { GatewayErrors } from './errors.js';

/** What seals and opens a cursor: the instance's `SecretBox`. */
export interface CursorBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * Keyset pagination cursors of key queries: the last `_key` of a page, sealed with the instance
 * key (so a cursor is opaque, cannot be forged to jump elsewhere, and opens on every node) and
 * bound to the query it continues (a cursor of one query given to another is refused).
 */
export class QueryCursors {
  constructor(private readonly box: CursorBox) {}

  /** The digest binding a cursor to its query: the resource and what was looked up. */
  static scopeOf(entryId: string, lookup: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify([entryId, lookup]))
      .digest('base64url')
      .slice(0, 22);
  }

  /**
   * @example const cursor = cursors.encode(scope, '11010519491231002X')
   */
  encode(scope: string, lastKey: string): string {
    return Buffer.from(this.box.seal(JSON.stringify({ v: 1, s: scope, k: lastKey })), 'utf8').toString(
      'base64url',
    );
  }

  /** The last key of the previous page; a tampered, foreign or malformed cursor is a 400. */
  decode(scope: string, cursor: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.box.open(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      throw GatewayErrors.error('EXCHANGE_CURSOR_INVALID', { field: '/body/cursor' });
    }
    const value = parsed as { v?: unknown; s?: unknown; k?: unknown };
    if (value?.v !== 1 || value.s !== scope || typeof value.k !== 'string')
      throw GatewayErrors.error('EXCHANGE_CURSOR_INVALID', { field: '/body/cursor' });
    return value.k;
  }
}
