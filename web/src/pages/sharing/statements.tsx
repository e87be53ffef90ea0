import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingMessages } from '../../i18n/modules/sharing.zh-CN.ts';

/**
 * The five things an application states under 809 第二十条第二款, in the article's order: 使用依据,
 * 使用场景, 使用范围, 共享方式, 使用时限 — as the wizard's summary and the case page show them.
 */
export function Statements({
  basis,
  scenario,
  scope,
  methods,
  period,
  testId = 'apply-statements',
}: {
  basis: string;
  scenario: string | null | undefined;
  scope: ReactNode;
  methods: ReactNode;
  period: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const rows: [keyof SharingMessages['apply']['statements'], ReactNode][] = [
    ['basis', basis],
    ['scenario', scenario || '—'],
    ['scope', scope],
    ['methods', methods],
    ['period', period],
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      style={{ marginTop: 16 }}
      title={t('sharing.apply.statementsTitle')}
      data-testid={testId}
    >
      {rows.map(([key, value]) => (
        <Descriptions.Item key={key} label={t(`sharing.apply.statements.${key}`)}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-statement={key}>
            {value}
          </span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
