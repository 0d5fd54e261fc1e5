import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'activities', rootDir: import.meta.dirname });
