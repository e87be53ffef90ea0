import {
  type IdentifierKind,
  type IdentifierReason,
  validateIdentifier,
} from '../../../../src/platform/identifiers/validate.ts';
import type { KeyKind } from '../../api/catalog.ts';

/** As many keys as one query takes (the server's `keys` maxItems). */
export const MAX_QUERY_KEYS = 500;
/** The longest key value the server takes. */
export const MAX_KEY_LENGTH = 1000;
/** The longest text the page takes as keys: far more than 500 keys need. */
export const MAX_KEYS_TEXT = 50_000;
/** Past this the page does not even count the keys (a pasted file, not a list). */
const UNREAD_TEXT = 2_000_000;
/** How many bad lines the page lists one by one; the rest it counts. */
export const LISTED_KEY_PROBLEMS = 20;

/** A key as the user typed it, with its 1-based line in the input. */
export interface KeyLine {
  line: number;
  key: string;
}

export type KeyProblemReason = IdentifierReason | 'text' | 'tooLong';

export interface KeyProblem extends KeyLine {
  reason: KeyProblemReason;
}

/** What the keys input holds: keys to send, or why it cannot be sent. */
export type ParsedKeys =
  | { kind: 'keys'; keys: KeyLine[]; problems: KeyProblem[] }
  | { kind: 'tooLong'; length: number }
  | { kind: 'tooMany'; count: number };

const SEPARATORS = /[\s,，；;]+/;

function problemOf(key: string, kind: KeyKind | undefined): KeyProblemReason | undefined {
  if (key.includes('\0') || !key.isWellFormed()) return 'text';
  if (key.length > MAX_KEY_LENGTH) return 'tooLong';
  if (!kind || kind === 'other') return undefined;
  const result = validateIdentifier(kind as IdentifierKind, key);
  return result.valid ? undefined : (result.reason ?? 'charset');
}

/**
 * Reads the keys input: several keys a line allowed (separated by spaces, commas or semicolons),
 * each checked as the server checks it — the platform's own identifier validators — so that a
 * wrong check character is named by its line before anything is sent.
 *
 * @example parseKeys('11010519491231002X\n110105194912310021', 'resident_id')
 * // { kind: 'keys', keys: [...], problems: [{ line: 2, key: '110105194912310021', reason: 'checksum' }] }
 */
export function parseKeys(text: string | undefined, kind: KeyKind | undefined): ParsedKeys {
  const input = text ?? '';
  if (input.length > UNREAD_TEXT) return { kind: 'tooLong', length: input.length };
  const keys: KeyLine[] = [];
  input.split(/\r\n|\r|\n/).forEach((content, index) => {
    for (const key of content.split(SEPARATORS)) if (key !== '') keys.push({ line: index + 1, key });
  });
  // Too many keys says more than too many characters: it is what to change.
  if (keys.length > MAX_QUERY_KEYS) return { kind: 'tooMany', count: keys.length };
  if (input.length > MAX_KEYS_TEXT) return { kind: 'tooLong', length: input.length };
  const problems: KeyProblem[] = [];
  for (const k of keys) {
    const reason = problemOf(k.key, kind);
    if (reason) problems.push({ ...k, reason });
  }
  return { kind: 'keys', keys, problems };
}

/** A key as a message shows it: printable and at most 40 characters. */
export function shownKey(key: string): string {
  const chars = [...key.toWellFormed()].map((ch) => (ch < ' ' || ch === '\u007f' ? '\ufffd' : ch));
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}
