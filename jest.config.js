/** Unit specs beside the code (src/**\/*.spec.ts) and e2e specs on real services (test/e2e). */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '(src/.*\\.spec|test/e2e/.*\\.e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['<rootDir>/test/support/ts-coverage-transform.js', { diagnostics: false }],
  },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@test/(.*)$': '<rootDir>/test/$1' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  // A ceiling for a loaded machine, not a speed target (speed lives in bench/): the slowest
  // ordinary tests took 16 s with a load average of 16 on 2 cores.
  testTimeout: 60_000,
  collectCoverageFrom: ['src/**/*.ts', '!src/main.ts', '!src/worker/worker.ts', '!src/**/*.spec.ts'],
  coverageDirectory: 'coverage',
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  // src/ as written: test/support/ts-coverage-transform.js keeps the type checks TypeScript
  // emits for decorator metadata (compiling one file at a time) out of the branch count.
  coverageThreshold: { global: { lines: 85, branches: 84 } },
};
