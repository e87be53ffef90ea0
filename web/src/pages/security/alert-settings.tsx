import { App, Descriptions, InputNumber, Modal, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { ALERTS_PATH } from './alert-types.ts';

/** The thresholds, in the order the page lists them. */
export const THRESHOLDS = [
  'intervalMinutes',
  'volumeWindowMinutes',
  'volumeBaselineDays',
  'volumeFactor',
  'volumeFloor',
  'workingHoursStart',
  'workingHoursEnd',
  'offHoursWindowMinutes',
  'offHoursMinReads',
  'enumerationWindowMinutes',
  'enumerationDistinctKeys',
  'refusalWindowMinutes',
  'refusalCount',
] as const satisfies readonly Exclude<keyof Values, 'autoSuspend'>[];
type Values = ResponseOf<`${typeof ALERTS_PATH}/settings`>['values'];

/** The detectors' thresholds and the automatic suspension switch; saving is audited on the server. */
export function AlertSettingsModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const settings = useApi(open ? `${ALERTS_PATH}/settings` : null);
  const [values, setValues] = useState<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings.data) setValues(settings.data.values);
  }, [settings.data]);

  const save = async () => {
    if (!values) return;
    setSaving(true);
    try {
      await api(`${ALERTS_PATH}/settings`, { method: 'PUT', body: values });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('alerts.settings.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      okButtonProps={buttonTestId('alert-settings-ok')}
      width={640}
    >
      <ErrorAlert error={settings.error} onRetry={settings.reload} />
      {values && settings.data && (
        <>
          <Typography.Paragraph type="secondary">{t('alerts.settings.hint')}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('alerts.settings.autoSuspend')}>
              <Switch
                checked={values.autoSuspend}
                onChange={(autoSuspend) => setValues({ ...values, autoSuspend })}
                aria-label={t('alerts.settings.autoSuspend')}
                data-testid="alert-settings-auto-suspend"
              />
            </Descriptions.Item>
            {THRESHOLDS.map((name) => {
              const bounds = settings.data?.bounds[name];
              return (
                <Descriptions.Item key={name} label={t(`alerts.settings.${name}`)}>
                  <InputNumber
                    value={values[name]}
                    min={bounds?.min}
                    max={bounds?.max}
                    precision={0}
                    onChange={(v) => setValues({ ...values, [name]: v ?? bounds?.default ?? 0 })}
                    aria-label={t(`alerts.settings.${name}`)}
                    data-testid={`alert-settings-${name}`}
                  />
                </Descriptions.Item>
              );
            })}
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
