import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const isH5 = process.env.TARO_ENV === 'h5'
const rootDir = path.resolve(__dirname, '..')
/** Pure TypeScript shared with the cloud functions; it lives outside sourceRoot, so Taro must be told to compile it. */
const domainDir = path.join(rootDir, 'domain')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist/h5' : 'dist/weapp',
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache only on request (TARO_CACHE=1): CI builds stay reproducible.
    cache: { enable: !!process.env.TARO_CACHE },
    mini: {
      compile: { include: [domainDir] },
      postcss: {
        // All sizes are written in rem so that care mode (长辈版) scales the whole page from the
        // root font size (page-meta root-font-size). px→rpx conversion would defeat that.
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [domainDir] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Same reason as mini: rem everywhere; the root font size is set by the care-mode theme.
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only initial chunks; every lazily loaded page then carried its own copy of the
        // shared UI (PageShell, ListRow …). One async-common chunk holds what two or more pages share.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              asyncCommon: { name: 'async-common', chunks: 'async', minChunks: 2, priority: 0, reuseExistingChunk: true },
            },
          },
        })
      },
    },
  }
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig)
})
