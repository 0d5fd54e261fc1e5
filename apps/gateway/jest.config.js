import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'gateway', rootDir: import.meta.dirname });
