// Lint for the whole workspace: strict TypeScript, module boundaries along scope/type tags, and
// the route-auth rule that fails any HTTP route without @Public() or @Roles(...).
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { jiaolianPlugin } from './tools/lint-rules/route-auth.rule.js';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/test-results/**', '**/playwright-report/**', '**/*.d.ts', '**/coverage/**', '.nx/**', 'deploy/**'],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['apps/*/tsconfig.spec.json', 'libs/*/tsconfig.spec.json', 'tools/*/tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { jiaolian: jiaolianPlugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'jiaolian/route-auth': 'error',
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false,
        allow: [],
        depConstraints: [
          { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
          { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
          { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts'] },
          { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:kit', 'type:testing'] },
          { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:contracts', 'type:kit', 'type:testing'] },
          { sourceTag: 'type:api-client', onlyDependOnLibsWithTags: [] },
          { sourceTag: 'type:console', onlyDependOnLibsWithTags: ['type:api-client'] },
          { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [] },
          { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          { sourceTag: 'scope:membership', onlyDependOnLibsWithTags: ['scope:membership', 'scope:shared'] },
          { sourceTag: 'scope:teacher-exchange', onlyDependOnLibsWithTags: ['scope:teacher-exchange', 'scope:shared'] },
          { sourceTag: 'scope:curriculum', onlyDependOnLibsWithTags: ['scope:curriculum', 'scope:shared'] },
          { sourceTag: 'scope:activities', onlyDependOnLibsWithTags: ['scope:activities', 'scope:shared'] },
          { sourceTag: 'scope:assessment', onlyDependOnLibsWithTags: ['scope:assessment', 'scope:shared'] },
          { sourceTag: 'scope:integrations', onlyDependOnLibsWithTags: ['scope:integrations', 'scope:shared'] },
          { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
          { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
        ],
      }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.api-spec.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    // plain JavaScript has no type checker to catch a name that is not defined (a lost import)
    languageOptions: { globals: { ...globals.node, describe: 'readonly', it: 'readonly', expect: 'readonly' } },
    rules: { 'no-undef': 'error' },
  },
);
