import { Alert, Form, type FormItemProps, Typography } from 'antd';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../../api/catalog.ts';
import { isEnglish } from '../../../i18n/index.ts';
import { namePath, pathLabel } from '../paths.ts';

export interface IssueView {
  issues: ValidationIssue[];
  /** Whether issues of this field's part of the form are shown beside it yet. */
  shows(path: string): boolean;
}

export const IssueContext = createContext<IssueView>({ issues: [], shows: () => false });

/** The messages of the issues on exactly this path, in the reader's language. */
export function useIssuesAt(path: string): string[] {
  const { i18n } = useTranslation();
  const view = useContext(IssueContext);
  if (!view.shows(path)) return [];
  const en = isEnglish(i18n.language);
  return view.issues.filter((i) => i.field === path).map((i) => (en ? i.message.en : i.message.zh));
}

/**
 * A form item that shows the server's validation issues for `path` (the full path, e.g.
 * `items[2].dataType`, even when the item's `name` is relative inside a list).
 */
export function IssueItem({ path, ...props }: FormItemProps & { path: string }) {
  const messages = useIssuesAt(path);
  return (
    <Form.Item
      {...props}
      validateStatus={messages.length > 0 ? 'error' : undefined}
      help={messages.length > 0 ? messages.join('；') : props.help}
      data-issue-path={path}
    />
  );
}

/** Every open issue as a list; clicking one scrolls to its field. */
export function IssueList({
  issues,
  checking,
  onPick,
}: {
  issues: ValidationIssue[] | undefined;
  checking: boolean;
  onPick: (name: (string | number)[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  if (issues === undefined) {
    return (
      <Alert type="info" showIcon title={t('catalog.editor.validationPending')} data-testid="editor-issues" />
    );
  }
  if (issues.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={checking ? t('catalog.editor.checking') : t('catalog.editor.noIssues')}
        data-testid="editor-issues"
        data-count={0}
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="editor-issues"
      data-count={issues.length}
      title={t('catalog.editor.issuesTitle', { count: issues.length })}
      description={
        <ul className="gs-issue-list" style={{ margin: 0, paddingInlineStart: 18 }}>
          {issues.map((issue) => (
            <li
              key={`${issue.code}:${issue.field}`}
              data-code={issue.code}
              data-field={issue.field}
              onClick={() => onPick(namePath(issue.field))}
              onKeyDown={(e) => e.key === 'Enter' && onPick(namePath(issue.field))}
            >
              <Typography.Text strong>{pathLabel(issue.field, en)}</Typography.Text>：
              {en ? issue.message.en : issue.message.zh}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {issue.code}
              </Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
