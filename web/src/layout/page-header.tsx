import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonTestId } from '../lib/test-id.ts';

/** A list page's main action: a primary button beside 刷新 (shown only where the reader may take it). */
export interface PageAction {
  label: ReactNode;
  onClick(): void;
  testId: string;
  icon?: ReactNode;
}

/**
 * A page's title and subtitle, and on its right: `extra`, or for a list page a 刷新 button
 * (`onRefresh`) and its main action (`action`).
 */
export function PageHeader({
  title,
  subtitle,
  extra,
  onRefresh,
  action,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  onRefresh?: () => void;
  action?: PageAction | false | undefined;
}) {
  const { t } = useTranslation();
  const right =
    onRefresh || action ? (
      <Space wrap>
        {onRefresh && (
          <Button icon={<ReloadOutlined />} onClick={onRefresh}>
            {t('common.refresh')}
          </Button>
        )}
        {action && (
          <Button
            type="primary"
            icon={action.icon ?? <PlusOutlined />}
            onClick={action.onClick}
            {...buttonTestId(action.testId)}
          >
            {action.label}
          </Button>
        )}
        {extra}
      </Space>
    ) : (
      extra
    );
  return (
    <div className="gs-page-head">
      <div>
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {right && <div>{right}</div>}
    </div>
  );
}
