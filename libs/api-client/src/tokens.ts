/** Where the client keeps the caller's tokens. */
export interface TokenStore {
  get(): StoredTokens | null;
  set(tokens: StoredTokens | null): void;
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

export function memoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let tokens = initial;
  return { get: () => tokens, set: (next) => { tokens = next; } };
}

/** Keeps tokens in a Web Storage (e.g. `localStorage`) so a reload keeps the session. */
export function webStorageTokenStore(storage: Storage, key = 'jiaolian.tokens'): TokenStore {
  return {
    get() {
      const raw = storage.getItem(key);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Partial<StoredTokens>;
        return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
          ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
          : null;
      } catch {
        return null;
      }
    },
    set(tokens) {
      if (tokens) storage.setItem(key, JSON.stringify(tokens));
      else storage.removeItem(key);
    },
  };
}
