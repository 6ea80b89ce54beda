// Babel for node-side tests (domain, cloud functions, local cloud): TypeScript → CommonJS for Node 20.
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: '20' } }], ['@babel/preset-typescript', { allowDeclareFields: true }]],
}
