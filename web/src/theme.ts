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
    // Secondary and hint texts dark enough for WCAG 2 AA (4.5:1) on white and on the layout grey
    // (GB/T 37668-2019): antd's defaults (45% and 25% black) fall short.
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a5f', headerHeight: 56, headerPadding: '0 20px' },
    Menu: {
      darkItemBg: '#0f2a5f',
      darkSubMenuItemBg: '#0b2150',
      darkItemSelectedBg: GOV_BLUE,
      darkGroupTitleColor: 'rgba(255,255,255,0.72)',
    },
    Table: { headerBg: '#f5f7fb' },
    Card: { headerFontSize: 15 },
  },
};
