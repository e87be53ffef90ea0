import { type ThemeConfig, theme } from 'antd';

/** Government blue, compact: dense tables for people who manage hundreds of departments. */
export const GOV_BLUE = '#1d4ed8';

export const govTheme: ThemeConfig = {
  algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm],
  token: {
    colorPrimary: GOV_BLUE,
    colorInfo: GOV_BLUE,
    colorLink: GOV_BLUE,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
    colorBgLayout: '#f3f6fb',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a5f', headerHeight: 56, headerPadding: '0 20px' },
    Menu: {
      darkItemBg: '#0f2a5f',
      darkSubMenuItemBg: '#0b2150',
      darkItemSelectedBg: GOV_BLUE,
      darkGroupTitleColor: 'rgba(255,255,255,0.45)',
    },
    Table: { headerBg: '#f5f7fb' },
    Card: { headerFontSize: 15 },
  },
};
