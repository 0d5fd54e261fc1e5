import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'assessment', rootDir: import.meta.dirname });
