import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const gateway = process.env.JIAOLIAN_GATEWAY_URL ?? 'http://127.0.0.1:3000';
const apiClientSource = fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url));
const proxy = { '/api': { target: gateway, changeOrigin: false, xfwd: true } };

// The console only ever talks to the gateway; in dev and preview Vite forwards /api to it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The client is compiled with the app from source, so no library build is needed first.
  resolve: { alias: { '@jiaolian/api-client': apiClientSource } },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
          ],
        },
      },
    },
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
