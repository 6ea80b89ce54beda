/**
 * Two projects: `node` (domain units, cloud-function integration through the local cloud) and
 * `client` (Taro React components under jsdom). `npm test` builds the cloud bundles first.
 */
module.exports = {
  projects: ['<rootDir>/jest.node.config.js', '<rootDir>/jest.client.config.js'],
  testTimeout: 60000,
}
