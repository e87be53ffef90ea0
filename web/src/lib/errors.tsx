import { Alert, App, Button, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../api/client.ts';

/**
 * Puts an API error where the user looks: on the offending form field when the API names one
 * that the form has, otherwise as a message. Returns the error for callers that keep it.
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      const apiError = error instanceof ApiError ? error : undefined;
      const text = apiError?.message ?? (error instanceof Error ? error.message : String(error));
      const path = fieldPath(apiError?.field);
      if (form && path) {
        const known = form.getFieldsError().some((f) => f.name.join('/') === path.join('/'));
        if (known) {
          form.setFields([{ name: path, errors: [text] }]);
          form.scrollToField(path);
          return;
        }
      }
      void message.error({ content: text, key: apiError?.requestId });
    },
    [message],
  );
}

/** A failed page load: the API's message and the request id to quote to the operator. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={t('errors.loadFailed')}
      description={
        <>
          <div>{error.message}</div>
          {error.requestId && (
            <div style={{ color: '#595959' }}>{t('errors.requestId', { id: error.requestId })}</div>
          )}
        </>
      }
      action={
        onRetry && (
          <Button size="small" type="link" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
