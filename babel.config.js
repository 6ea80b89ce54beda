// Babel for the Taro client (weapp and H5 builds, and the `client` jest project).
// babel-preset-taro switches to CommonJS with node targets when NODE_ENV=test.
// Node-side code (domain tests, cloud functions, local cloud) uses babel.node.config.js instead.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
