import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isEnglish, type Language } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const current: Language = isEnglish(i18n.language) ? 'en' : 'zh-CN';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <GlobalOutlined aria-label={t('lang.label')} style={{ color: '#475569' }} />
      <Segmented<Language>
        size="small"
        data-testid="language-switch"
        value={current}
        onChange={changeLanguage}
        options={[
          { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
          {
            value: 'en',
            label: (
              <span data-testid="lang-en" lang="en">
                EN
              </span>
            ),
          },
        ]}
      />
    </span>
  );
}
