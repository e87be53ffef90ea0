/**
 * Message catalogues: the texts a module shows its users outside errors (notice titles and
 * bodies, timeline words), each in zh-CN and en, kept in one place per module instead of inline
 * strings such as `'请于 … 前答复 / reply by …'`. `{name}` in a text is filled from the params.
 */

/** A text in both languages of the portal: zh-CN first, en second. */
export interface Label {
  zh: string;
  en: string;
}

/** What a notice says: its title and its body, each in both languages. */
export interface NoticeText {
  title: Label;
  body: Label;
}

/** A param is one value for both languages, or a `Label` giving each language its own text. */
export type MessageParams = Record<string, string | number | Label | null | undefined>;

export interface MessageCatalogue<K extends string> {
  /** The notice `key` in both languages, its `{name}` placeholders filled from `params`. */
  notice(key: K, params?: MessageParams): NoticeText & { kind: K };
}

export interface TextCatalogue<K extends string> {
  /** The text `key` in both languages, its `{name}` placeholders filled from `params`. */
  text(key: K, params?: MessageParams): Label;
}

const fill = (template: string, params: MessageParams, language: keyof Label): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined || value === null) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });

/** Fills a text's placeholders in both languages. */
export const render = (text: Label, params: MessageParams = {}): Label => ({
  zh: fill(text.zh, params, 'zh'),
  en: fill(text.en, params, 'en'),
});

/**
 * Declares a module's notices: each key is the notice's kind, with its title and body in zh-CN and
 * en. A placeholder left unfilled stays visible (`{due}`), so a missing param shows in tests.
 *
 * @example
 * const Notices = defineNotices({
 *   'application.received': {
 *     title: { zh: '收到共享申请 {number}', en: 'Sharing application {number} received' },
 *     body: { zh: '请于 {due} 前答复', en: 'Reply by {due}' },
 *   },
 * });
 * Notices.notice('application.received', { number: 'SQ-2026-000001', due: '2026-09-30' });
 */
export function defineNotices<const T extends Record<string, NoticeText>>(
  defs: T,
): MessageCatalogue<keyof T & string> & { definitions: T } {
  return {
    definitions: defs,
    notice: (key, params = {}) => {
      const text = defs[key] as NoticeText;
      return { kind: key, title: render(text.title, params), body: render(text.body, params) };
    },
  };
}

/**
 * Declares a module's short texts (lines of a notice body, words of a timeline), each in zh-CN
 * and en; `text` renders one with its params.
 */
export function defineTexts<const T extends Record<string, Label>>(
  defs: T,
): TextCatalogue<keyof T & string> & { definitions: T } {
  return { definitions: defs, text: (key, params = {}) => render(defs[key] as Label, params) };
}

/**
 * Lines of a notice body in both languages: a `Label` gives each language its own line, a string
 * (what a user wrote: a reason, a comment) stands in both; empty parts are left out.
 *
 * @example lines(Texts.text('approvedItems', { items }), comment) // { zh: '同意的信息项：…\n…', en: … }
 */
export function lines(...parts: (Label | string | null | undefined | false)[]): Label {
  const kept = parts.filter((p): p is Label | string => (typeof p === 'string' ? p.trim() !== '' : !!p));
  if (kept.length === 0) return { zh: '—', en: '—' };
  return {
    zh: kept.map((p) => (typeof p === 'string' ? p : p.zh)).join('\n'),
    en: kept.map((p) => (typeof p === 'string' ? p : p.en)).join('\n'),
  };
}
