module.exports = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit', '<rootDir>/tests/integration'],
  testMatch: ['**/*.test.ts'],
  cacheDirectory: '<rootDir>/node_modules/.cache/jest-node',
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './babel.node.config.js' }] },
  moduleNameMapper: { '^@domain/(.*)$': '<rootDir>/domain/$1' },
}
