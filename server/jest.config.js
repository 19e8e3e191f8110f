/**
 * Three suites: fast unit tests of pure code, integration tests through GraphQL over HTTP, and
 * the conformance suite over ../shared/corpus, which only `npm run test:corpus` includes. The
 * choice is made here rather than by --selectProjects, whose list of names would swallow the
 * file patterns given after it (`npm test -- test/unit/signing`).
 */
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const withServer = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

function project(name, extra = {}) {
  return {
    displayName: name,
    transform,
    testEnvironment: 'node',
    testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
    setupFiles: ['reflect-metadata'],
    ...extra,
  };
}

/** @type {import('jest').Config} */
module.exports = {
  projects:
    process.env.ESEAL_TEST_SUITE === 'corpus'
      ? [project('corpus', withServer)]
      : [project('unit'), project('integration', withServer)],
  testTimeout: 60000,
};
