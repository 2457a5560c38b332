import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// LWC rules with the TypeScript parser (the babel-parser variant reports false no-undef on types).
const tsParser = { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } };

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.sf/**',
      '.sfdx/**',
      'scripts/gates/fixtures/**',
      'force-app/**/lwc/**/*.js',
      'tools/local-org/client/dist/**',
      'tools/local-org/data/**',
    ],
  },
  {
    // The local org's shell components follow the same LWC rules as the package's.
    files: ['**/lwc/**/*.ts', 'tools/local-org/client/src/modules/**/*.ts'],
    extends: [...lwcConfig.configs.recommendedTs, ...tseslint.configs.recommended],
    languageOptions: { ...tsParser, globals: { ...globals.browser } },
    rules: {
      'no-undef': 'off', // tsc checks names; this rule does not understand types
    },
  },
  {
    files: ['**/lwc/**/__tests__/**/*.ts'],
    extends: [jestPlugin.configs['flat/recommended']],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
  {
    files: ['scripts/**/*.ts', 'tools/**/*.ts', '*.js'],
    extends: [...tseslint.configs.recommended],
    languageOptions: { ...tsParser, globals: { ...globals.node } },
    rules: {
      // Native method tables share one signature; unused parameters are marked with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
