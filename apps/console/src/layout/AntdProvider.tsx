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

export const THEME = { token: { colorPrimary: '#1f6f5c', borderRadius: 8, fontSize: 14 } };
