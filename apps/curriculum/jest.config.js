import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'curriculum', rootDir: import.meta.dirname });
