import { jestConfig } from '../../jest.preset.js';
export default {
  ...jestConfig({ displayName: 'membership', rootDir: import.meta.dirname, kind: 'int', testTimeout: 120_000 }),
  globalSetup: '../../libs/testing/jest-global-setup.js',
  globalTeardown: '../../libs/testing/jest-global-teardown.js',
};
