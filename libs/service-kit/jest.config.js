import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'service-kit', rootDir: import.meta.dirname });
