import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'testing', rootDir: import.meta.dirname, kind: 'int' });
