import { jestConfig } from '../../jest.preset.js';
export default {
  ...jestConfig({ displayName: 'service-kit', rootDir: import.meta.dirname, kind: 'int' }),
  globalSetup: '../testing/jest-global-setup.js',
  globalTeardown: '../testing/jest-global-teardown.js',
};
