import { OpendataErrors } from './errors.js';

/** Whether a text holds a lone surrogate (not half of a pair) or a control character (tab and line breaks aside). */
export function isHostile(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return true;
    if (unit === 0x7f) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** Refuses text no search could mean (lone surrogates, NUL, control characters) with a clear 400. */
export function assertSearchText(text: string | undefined, field: string): void {
  if (text !== undefined && isHostile(text)) throw OpendataErrors.error('OPENDATA_QUERY_INVALID', { field });
}
