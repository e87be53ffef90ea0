import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { IDENTIFIER_REASON_TEXT } from '../../../../src/platform/identifiers/validate.ts';
import type { ItemValue, QueryAnswer } from './api.ts';
import {
  type KeyLine,
  type KeyProblem,
  LISTED_KEY_PROBLEMS,
  MAX_KEY_LENGTH,
  MAX_KEYS_TEXT,
  MAX_QUERY_KEYS,
  type ParsedKeys,
  shownKey,
} from './query-keys.ts';

/** A key the query asked for that no record answers, with the line it was typed on. */
export interface MissingKey {
  key: string;
  line: number | undefined;
}

/** A row of the result table: a record, or a key that found nothing. */
export type ResultRow = { [item: string]: ItemValue | MissingKey | string | undefined } & {
  __row: string;
  __notFound?: MissingKey;
};

/** Rows for the keys that found nothing, in input order, each with its line. */
export function notFoundRows(answer: QueryAnswer, sent: readonly KeyLine[]): ResultRow[] {
  return (answer.notFound ?? []).map((key, i) => ({
    __row: `not-found-${i}`,
    __notFound: { key, line: sent.find((k) => k.key === key)?.line },
  }));
}

/** 「查无此记录」 across the table, naming the key and its line. */
export function NotFoundCell({ missing }: { missing: MissingKey }) {
  const { t } = useTranslation();
  return (
    <Space size={8} data-testid="query-not-found" data-line={missing.line}>
      <span style={{ color: '#475569' }}>
        {missing.line === undefined
          ? shownKey(missing.key)
          : t('exchange.query.notFoundLine', { line: missing.line, key: shownKey(missing.key) })}
      </span>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {t('exchange.query.notFound')}
      </Tag>
    </Space>
  );
}

function useReasonText(): (problem: KeyProblem) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en' : 'zh';
  return ({ reason }) => {
    if (reason === 'text') return t('exchange.query.keyText');
    if (reason === 'tooLong') return t('exchange.query.keyTooLong', { max: MAX_KEY_LENGTH });
    return IDENTIFIER_REASON_TEXT[reason][locale];
  };
}

/** Under the keys input: why it cannot be sent, each bad line by its number and reason. */
export function KeyProblems({ parsed }: { parsed: ParsedKeys }) {
  const { t } = useTranslation();
  const reasonOf = useReasonText();
  if (parsed.kind === 'tooLong')
    return (
      <div data-testid="query-keys-refused" data-reason="tooLong">
        {t('exchange.query.keysTooLong', { length: parsed.length, max: MAX_KEYS_TEXT })}
      </div>
    );
  if (parsed.kind === 'tooMany')
    return (
      <div data-testid="query-keys-refused" data-reason="tooMany">
        {t('exchange.query.keysTooMany', { count: parsed.count, max: MAX_QUERY_KEYS })}
      </div>
    );
  if (parsed.problems.length === 0) return null;
  const listed = parsed.problems.slice(0, LISTED_KEY_PROBLEMS);
  const more = parsed.problems.length - listed.length;
  return (
    <div data-testid="query-keys-refused" data-reason="lines">
      {listed.map((p) => (
        <div key={`${p.line}-${p.key}`} data-testid="query-key-problem" data-line={p.line}>
          {t('exchange.query.keyLine', { line: p.line, key: shownKey(p.key), reason: reasonOf(p) })}
        </div>
      ))}
      {more > 0 && <div>{t('exchange.query.keysMore', { count: more })}</div>}
      <div>{t('exchange.query.keysBad', { count: parsed.problems.length })}</div>
    </div>
  );
}
