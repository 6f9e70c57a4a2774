// The egress (custom-host guard) suite: only inside the network namespace that
// test/egress/run-in-netns.mjs sets up, never against the real network.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'gateway egress (netns)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/egress/**/*.netns-spec.ts'],
  testTimeout: 30000,
};
