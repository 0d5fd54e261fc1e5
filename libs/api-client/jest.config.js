import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'api-client', rootDir: import.meta.dirname });
