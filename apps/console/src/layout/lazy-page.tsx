import './loading.css';
import { lazy, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { loadAllMessages } from '../i18n';

/**
 * A page loaded on first visit of its route (its own JavaScript chunk), with every page's strings in the
 * current language. `name` is the page's named export.
 * If the chunk is gone after a new deployment (hashed names changed), the page reloads once to fetch
 * the new index.
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => {
    try {
      const [module] = await Promise.all([load(), loadAllMessages()]);
      sessionStorage.removeItem(RELOADED);
      return { default: module[name] as ComponentType };
    } catch (error) {
      if (!sessionStorage.getItem(RELOADED)) {
        sessionStorage.setItem(RELOADED, '1');
        window.location.reload();
      }
      throw error;
    }
  });
}

const RELOADED = 'jiaolian.chunk-reload';

/** Shown while a page's code is fetched on its first visit (plain CSS: it appears before antd has loaded). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className="jl-page-loading">
      <span className="jl-page-loading__bar" />
      <span className="jl-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
