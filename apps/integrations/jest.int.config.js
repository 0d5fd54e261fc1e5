import { jestConfig } from '../../jest.preset.js';
export default {
  ...jestConfig({ displayName: 'integrations', rootDir: import.meta.dirname, kind: 'int' }),
  globalSetup: '../../libs/testing/jest-global-setup.js',
  globalTeardown: '../../libs/testing/jest-global-teardown.js',
};
