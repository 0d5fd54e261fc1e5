import { createApiClient, webStorageTokenStore } from '@jiaolian/api-client';
import { currentLanguage } from '../i18n';

/** Fired when the refresh token is rejected: the app drops the session and shows the login page. */
export const sessionEvents = new EventTarget();

/** The one gateway client of the console; the gateway is reached on the page's own origin (`/api`). */
export const api = createApiClient({
  baseUrl: import.meta.env.VITE_GATEWAY_URL || globalThis.location?.origin || '',
  tokens: webStorageTokenStore(globalThis.localStorage),
  language: currentLanguage,
  onSessionExpired: () => sessionEvents.dispatchEvent(new Event('expired')),
});
