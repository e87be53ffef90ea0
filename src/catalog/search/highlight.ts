import { normalizeText } from '../../platform/text/index.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Characters of the original text and where each normalised character came from. */
interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original string where its character starts. */
  origin: number[];
  originalLength: number;
}

function normalise(original: string): Normalised {
  let text = '';
  const origin: number[] = [];
  let at = 0;
  for (const char of original) {
    const folded = normalizeText(char);
    for (let i = 0; i < folded.length; i++) origin.push(at);
    text += folded;
    at += char.length;
  }
  return { text, origin, originalLength: original.length };
}

const ASCII_WORD = /^[a-z0-9]+$/;
const isAsciiAlnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/**
 * Where the query's tokens occur in a text, as merged [start, end) ranges of the original string.
 * Latin words and numbers match whole words only (the index matched whole tokens); the last
 * token may be a prefix when the query allows it.
 */
export function matchRanges(
  original: string,
  terms: readonly string[],
  prefixLast = false,
): [number, number][] {
  const { text, origin, originalLength } = normalise(original);
  const originAt = (i: number) => (i < origin.length ? (origin[i] ?? originalLength) : originalLength);
  const ranges: [number, number][] = [];
  terms.forEach((term, index) => {
    if (term.length === 0) return;
    const latin = ASCII_WORD.test(term);
    const prefix = prefixLast && index === terms.length - 1;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (latin && (isAsciiAlnum(text[at - 1]) || (!prefix && isAsciiAlnum(text[end])))) continue;
      ranges.push([originAt(at), originAt(end)]);
    }
  });
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The text HTML-escaped with `<mark>` around the given ranges. */
function mark(original: string, ranges: [number, number][], from = 0, to = original.length): string {
  let out = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    out += `${escapeHtml(original.slice(at, s))}<mark>${escapeHtml(original.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(original.slice(at, to));
}

/**
 * The text with the query's matches wrapped in `<mark>` and everything else HTML-escaped, or
 * undefined when nothing in it matches.
 * @example highlight('电子证照<目录>', ['证照']) // '电子<mark>证照</mark>&lt;目录&gt;'
 */
export function highlight(
  original: string,
  terms: readonly string[],
  prefixLast = false,
): string | undefined {
  const ranges = matchRanges(original, terms, prefixLast);
  return ranges.length > 0 ? mark(original, ranges) : undefined;
}

/**
 * Like `highlight`, but a long text is cut to a window around its first match, with `…` where
 * it was cut, so that a result shows why it matched.
 */
export function snippet(
  original: string,
  terms: readonly string[],
  prefixLast = false,
  maxLength = 120,
): string | undefined {
  const ranges = matchRanges(original, terms, prefixLast);
  const first = ranges[0];
  if (!first) return undefined;
  if (original.length <= maxLength) return mark(original, ranges);
  let from = Math.max(0, first[0] - Math.floor(maxLength / 3));
  const to = Math.min(original.length, from + maxLength);
  from = Math.max(0, to - maxLength);
  // Never cut a surrogate pair in half.
  if (from > 0 && /[\uDC00-\uDFFF]/.test(original[from] ?? '')) from -= 1;
  const end = to < original.length && /[\uD800-\uDBFF]/.test(original[to - 1] ?? '') ? to + 1 : to;
  return `${from > 0 ? '…' : ''}${mark(original, ranges, from, end)}${end < original.length ? '…' : ''}`;
}
