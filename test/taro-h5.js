// `@tarojs/taro` for jest: the H5 implementation plus the React lifecycle hooks (recipes.md §5).
const taro = require('@tarojs/taro-h5')
const hooks = require('@tarojs/plugin-framework-react/dist/runtime')

const Taro = Object.assign({}, taro.default || taro, taro)
for (const name of [
  'useAddToFavorites', 'useDidHide', 'useDidShow', 'useError', 'useLaunch', 'useLoad', 'useOptionMenuClick',
  'useKeyboardHeight', 'usePageNotFound', 'usePageScroll', 'usePullDownRefresh', 'usePullIntercept',
  'useReachBottom', 'useReady', 'useResize', 'useRouter', 'useSaveExitState', 'useShareAppMessage',
  'useShareTimeline', 'useTabItemTap', 'useTitleClick', 'useScope', 'useUnhandledRejection', 'useUnload',
]) {
  if (hooks[name]) Taro[name] = hooks[name]
}
// Lifecycle hooks read React from an internal reactMeta that only createReactApp sets; set it for isolated tests.
hooks.createH5NativeComponentConfig(null, require('react'), require('react-dom'))

module.exports = Taro
module.exports.default = Taro
module.exports.__esModule = true
