module.exports = { ...require('../../jest.preset.cjs'), displayName: 'gateway', testTimeout: 30000 };
