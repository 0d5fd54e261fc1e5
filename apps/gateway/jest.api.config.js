import { jestConfig } from '../../jest.preset.js';
// API tests drive the built gateway and services over HTTP, as a third party would.
export default {
  ...jestConfig({ displayName: 'gateway', rootDir: import.meta.dirname, kind: 'api', testTimeout: 120_000 }),
  globalSetup: '../../libs/testing/jest-global-setup.js',
  globalTeardown: '../../libs/testing/jest-global-teardown.js',
};
