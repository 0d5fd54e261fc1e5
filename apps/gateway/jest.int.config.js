import { jestConfig } from '../../jest.preset.js';
// Integration tests of the gateway's own parts against a real NATS server (no services, no HTTP).
export default {
  ...jestConfig({ displayName: 'gateway', rootDir: import.meta.dirname, kind: 'int' }),
  globalSetup: '../../libs/testing/jest-global-setup.js',
  globalTeardown: '../../libs/testing/jest-global-teardown.js',
};
