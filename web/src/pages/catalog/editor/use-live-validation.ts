import { useCallback, useEffect, useRef, useState } from 'react';
import { catalogApi, type EntryContent, type ValidationIssue } from '../../../api/catalog.ts';

const DEBOUNCE_MS = 500;

/**
 * Asks the server's validator (the same rules that refuse a submission) about the content a
 * moment after the user stops typing; answers to older content are dropped.
 */
export function useLiveValidation(): {
  issues: ValidationIssue[] | undefined;
  checking: boolean;
  check(content: EntryContent, now?: boolean): Promise<ValidationIssue[] | undefined>;
} {
  const [issues, setIssues] = useState<ValidationIssue[]>();
  const [checking, setChecking] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  const run = useCallback(async (content: EntryContent) => {
    const call = ++latest.current;
    setChecking(true);
    try {
      const result = await catalogApi.validate(content, 'submit');
      if (call !== latest.current) return undefined;
      setIssues(result.issues);
      return result.issues;
    } catch {
      // A failed check leaves the last answer; the save itself reports errors.
      return undefined;
    } finally {
      if (call === latest.current) setChecking(false);
    }
  }, []);

  const check = useCallback(
    (content: EntryContent, now = false) => {
      clearTimeout(timer.current);
      if (now) return run(content);
      setChecking(true);
      return new Promise<ValidationIssue[] | undefined>((resolve) => {
        timer.current = setTimeout(() => resolve(run(content)), DEBOUNCE_MS);
      });
    },
    [run],
  );
  return { issues, checking, check };
}
