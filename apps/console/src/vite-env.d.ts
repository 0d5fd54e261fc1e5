/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the gateway when the console is not served behind the same origin (default: same origin). */
  readonly VITE_GATEWAY_URL?: string;
}
