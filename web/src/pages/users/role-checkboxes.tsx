import { Checkbox, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleInfo } from '../../api/types.ts';
import { isEnglish } from '../../i18n/index.ts';

/**
 * Role choice as a checkbox group. A separated role (三员分立) is held alone, so choosing one
 * greys out the others rather than letting the server refuse the combination later.
 */
export function RoleCheckboxes({
  roles,
  value = [],
  onChange,
}: {
  roles: RoleInfo[];
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const separatedChosen = value.some((r) => roles.find((info) => info.role === r)?.separated);
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} data-testid="role-checkboxes">
      <Space orientation="vertical" size={6}>
        {roles.map((info) => {
          const chosen = value.includes(info.role);
          const disabled = !chosen && value.length > 0 && (separatedChosen || info.separated);
          return (
            <Checkbox key={info.role} value={info.role} disabled={disabled} data-testid={`role-${info.role}`}>
              {en ? info.label.en : info.label.zh}
              <RoleCode role={info.role} />
              {info.separated && (
                <Tooltip title={t('users.separatedHint')}>
                  <Tag color="orange" bordered={false} style={{ marginInlineStart: 8 }}>
                    {t('users.separated')}
                  </Tag>
                </Tooltip>
              )}
              {info.requiresTotp && (
                <Tag color="blue" bordered={false}>
                  TOTP
                </Tag>
              )}
            </Checkbox>
          );
        })}
      </Space>
    </Checkbox.Group>
  );
}

function RoleCode({ role }: { role: string }) {
  return <code style={{ marginInlineStart: 8, color: '#5b6b80', fontSize: 12 }}>{role}</code>;
}
