// Shared Jest setup: ESM + SWC with decorator metadata (Nest DI needs it), workspace libs from source.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const workspaceRoot = path.dirname(fileURLToPath(import.meta.url));

/** @param {{ displayName: string, rootDir: string, kind?: 'unit' | 'int' | 'api', testTimeout?: number }} options */
export function jestConfig({ displayName, rootDir, kind = 'unit', testTimeout }) {
  const match = { unit: ['**/*.spec.ts'], int: ['**/*.int-spec.ts'], api: ['**/*.api-spec.ts'] }[kind];
  return {
    displayName: `${displayName}:${kind}`,
    rootDir,
    testEnvironment: 'node',
    testMatch: match,
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      }],
    },
    moduleNameMapper: {
      '^@jiaolian/(contracts|service-kit|testing)$': path.join(workspaceRoot, 'libs/$1/src/index.ts'),
      '^@jiaolian/service-kit/testing$': path.join(workspaceRoot, 'libs/service-kit/src/testing/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testTimeout: testTimeout ?? (kind === 'unit' ? 10_000 : 60_000),
    maxWorkers: kind === 'unit' ? '50%' : 1,
  };
}
