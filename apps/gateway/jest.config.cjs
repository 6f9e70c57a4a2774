module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'gateway',
  testTimeout: 30000,
  // Postgres and Redis for the run: the machine's, or started here when nothing answers (test/setup).
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
};
