import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_TERMS } from './domain-dict.js';

export { DOMAIN_TERMS } from './domain-dict.js';

/**
 * High enough that the segmenter prefers a domain term to any split of it (统一社会信用代码 over
 * 统一/社会/信用/代码), in the units of jieba's dictionary (word counts in its corpus).
 */
const DOMAIN_TERM_FREQUENCY = 300_000;

/** Function words that only add noise to an index or a query. */
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '等',
  '之',
  '其',
  '对',
  '在',
  '是',
  '为',
  '由',
  '并',
]);

let segmenter: Jieba | undefined;
let domainTerms: string[] = [];

/** The segmenter with the general and the domain dictionary, built once (it takes ~150 ms). */
function jieba(): Jieba {
  if (!segmenter) {
    const instance = Jieba.withDict(dict);
    domainTerms = DOMAIN_TERMS.map(normalizeText);
    instance.loadDict(
      Buffer.from(domainTerms.map((term) => `${term} ${DOMAIN_TERM_FREQUENCY} n`).join('\n')),
    );
    segmenter = instance;
  }
  return segmenter;
}

/**
 * Folds full-width forms to half-width (ＧＢ１１６４３ → gb11643, the ideographic space to a space)
 * and case, so that documents and queries meet on one spelling.
 * @example normalizeText('ＧＢ／Ｔ　２１０６３') // 'gb/t 21063'
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits a segment on anything that is not a letter or a digit (jieba keeps some mixed runs). */
function words(segment: string): string[] {
  return segment.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && !STOP_WORDS.has(word));
}

/**
 * The tokens a document is indexed under: the precise segmentation (so a domain term is one token)
 * plus, in search-engine mode, the shorter dictionary words inside each longer word (电子证照 also
 * yields 电子 and 证照), so that a two-character query finds the longer term. Search mode favours
 * recall: 不动产 also yields 动产. Every domain term the text contains is a token too, even where
 * the segmenter cut across it for a neighbouring word (电子证照目录 → 电子 / 证照目录) or kept it
 * inside a longer one (不动产登记 in 不动产登记证明).
 * @example indexTokens('统一社会信用代码') // ['统一社会信用代码', '统一', '社会', '信用', '代码']
 */
export function indexTokens(text: string): string[] {
  const segmenter = jieba();
  const normalized = normalizeText(text);
  const tokens: string[] = [];
  for (const segment of segmenter.cut(normalized, true)) {
    for (const word of words(segment)) {
      tokens.push(word);
      if ([...word].length < 3) continue;
      for (const part of segmenter.cutForSearch(word, false)) if (part !== word) tokens.push(...words(part));
    }
  }
  const found = new Set(tokens);
  for (const term of domainTerms) if (normalized.includes(term) && !found.has(term)) tokens.push(term);
  return tokens;
}

/**
 * The tokens of a query, in precise mode: each must be found (AND). A domain term stays whole, so
 * 统一社会信用代码 finds exactly the resources that name it, not every one that mentions 信用.
 * @example queryTokens('户籍 电子证照') // ['户籍', '电子证照']
 */
export function queryTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const segment of jieba().cut(normalizeText(text), true)) {
    for (const word of words(segment)) if (!tokens.includes(word)) tokens.push(word);
  }
  return tokens;
}

/** The index tokens as one space-separated string, the form the full-text index stores. */
export function indexText(text: string): string {
  return indexTokens(text).join(' ');
}
