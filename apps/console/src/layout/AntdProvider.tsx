import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * antd in the UI language (dates, pagination, empty texts) and the console's theme, with antd's App
 * (message, modal, notification). The sign-in page uses no antd, so this arrives with the pages that do.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}

/**
 * The console's theme. Page titles are h1 at the size of antd's h3 (24 px). Every text colour keeps WCAG
 * AA contrast (4.5:1) on its background: links, secondary and placeholder text, the selected and hovered
 * menu entry, the calendar's days of other months, and tags (their preset colours' text one or two shades
 * darker than antd's, which measure 2.2–3.4:1 on their tinted backgrounds).
 */
export const THEME = {
  token: {
    colorPrimary: '#1f6f5c', colorError: '#cf1322', borderRadius: 8, fontSize: 14, fontSizeHeading1: 24, colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.6)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  },
  components: {
    Menu: { itemSelectedBg: '#e3f0eb', itemSelectedColor: '#1f6f5c', itemActiveBg: '#e3f0eb', itemHoverBg: '#f0f6f4', itemHoverColor: 'rgba(0, 0, 0, 0.88)', groupTitleColor: 'rgba(0, 0, 0, 0.6)' },
    Progress: { colorSuccess: '#237804' },
    Calendar: { colorTextDisabled: '#737373', itemActiveBg: '#e3f0eb' },
    Tag: {
      colorSuccess: '#237804', colorInfo: '#0958d9', colorWarning: '#ad4e00', colorError: '#cf1322',
      green7: '#237804', gold7: '#874d00', orange7: '#ad4e00', volcano7: '#ad2102', cyan7: '#006d75', lime7: '#3f6600', yellow7: '#876800',
    },
  },
};
