// A tiny HTTP client for API tests: what a third party sees, nothing more.
export interface HttpAnswer<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  status: number;
  body: T;
  headers: Headers;
}

export interface Api {
  <T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpAnswer<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above
}

export function apiClient(baseUrl: string): Api {
  return async (method, path, options = {}) => {
    // English unless a test asks otherwise: the assertions read the English messages (zh-CN is the API's default).
    const headers: Record<string, string> = { 'accept-language': 'en', ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: unknown = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: body as never, headers: response.headers };
  };
}

let codeSeq = 100_000;
/** A unique 10-digit national school code per call (each stack has a fresh database). */
export const schoolCode = (): string => `2133${codeSeq++}`;
