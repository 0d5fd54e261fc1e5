import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'membership', rootDir: import.meta.dirname });
