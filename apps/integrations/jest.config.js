import { jestConfig } from '../../jest.preset.js';
export default jestConfig({ displayName: 'integrations', rootDir: import.meta.dirname });
