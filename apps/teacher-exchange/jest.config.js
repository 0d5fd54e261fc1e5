import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'teacher-exchange', rootDir: import.meta.dirname });
