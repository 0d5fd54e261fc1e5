import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'contracts', rootDir: import.meta.dirname });
