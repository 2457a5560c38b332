import sfdxLwcJest from '@salesforce/sfdx-lwc-jest/config.js';

const { jestConfig } = sfdxLwcJest;

/** LWC unit tests: TypeScript sources, TypeScript tests, a coverage floor on the components. */
export default {
  ...jestConfig,
  testMatch: ['**/lwc/**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/scripts/gates/fixtures/'],
  // sfdx-lwc-jest has no lightning/modal stub (a LightningModal component would not load).
  moduleNameMapper: { ...jestConfig.moduleNameMapper, '^lightning/modal$': '<rootDir>/jest/stubs/lightningModal.ts' },
  collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**'],
  coverageReporters: ['text-summary'],
  coverageThreshold: {
    global: { lines: 90, branches: 80, functions: 90, statements: 90 },
  },
};
