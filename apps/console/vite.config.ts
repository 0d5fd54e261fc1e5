import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const gateway = process.env.JIAOLIAN_GATEWAY_URL ?? 'http://127.0.0.1:3000';
const apiClientSource = fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url));
const proxy = { '/api': { target: gateway, changeOrigin: false, xfwd: true } };

// The console only ever talks to the gateway; in dev and preview Vite forwards /api to it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Every text asset is also written precompressed (.gz at level 9, .br): the console server and the nginx
  // image send those as they are, so no request pays for compression.
  plugins: [react(), compression({ algorithms: [defineAlgorithm('gzip', { level: 9 }), 'brotliCompress'], threshold: 1024, exclude: [/\.map$/], logLevel: 'silent' })],
  // The client is compiled with the app from source, so no library build is needed first.
  resolve: { alias: { '@jiaolian/api-client': apiClientSource } },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages, the signed-in frame and each language's strings are chunks of their own (React.lazy and
    // dynamic imports); the byte budgets are held by apps/console-e2e/src/budget.e2e.ts.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    // Only the console's own unit tests: never Playwright specs or other projects' Jest specs.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    testTimeout: 20_000,
  },
});
