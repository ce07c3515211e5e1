/**
 * The durability test (`npm run test:durability`): the local cloud run as a child process with
 * `--data`, killed with SIGKILL in the middle of a 200-order saga and started again. It takes
 * minutes of wall time on two cores, so it is kept out of `npm test`.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.base.config.js'),
  roots: ['<rootDir>/test/durability'],
  testTimeout: 300000,
  maxWorkers: 1,
};
