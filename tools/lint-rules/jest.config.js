export default {
  displayName: 'lint-rules:unit',
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  testMatch: ['**/*.spec.js'],
  transform: {},
};
