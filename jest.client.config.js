/**
 * Client tests: Taro React components and client modules under jsdom, compiled by babel-preset-taro
 * (babel.config.js). Recipe: /work/shared/docs/recipes.md §5.
 */
module.exports = {
  displayName: 'client',
  testEnvironment: 'jsdom',
  cacheDirectory: '<rootDir>/node_modules/.cache/jest-client',
  // Avoid ESM-only "browser" builds (e.g. nanoid/index.browser.js) picked by jsdom's default conditions.
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.ts?(x)'],
  // 'h5.*' first: `./transport` resolves to transport.h5.ts, as Taro's platform-suffix resolution does in the H5 build.
  moduleFileExtensions: ['h5.ts', 'h5.tsx', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  transform: { '^.+\\.(mjs|[jt]sx?)$': ['babel-jest', { configFile: './babel.config.js' }] },
  // Taro's dist folders contain vendored node_modules/.pnpm/... ESM files: transform everything
  // under these packages, ignore the rest of node_modules.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@tarojs|@stencil|swiper|ssr-window|dom7|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
  ],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/test/taro-h5.js',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@domain/(.*)$': '<rootDir>/domain/$1',
    '\\.(css|scss|sass|less|styl)$': 'identity-obj-proxy',
  },
  // Normally injected by Taro's DefinePlugin.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
}
