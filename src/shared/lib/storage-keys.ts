/** Every key the client keeps in local storage (Taro.setStorageSync; localStorage in H5). */
export const STORAGE_KEYS = {
  /** '1' | '0' — the care-mode (长辈版) choice made on this device. */
  careMode: 'linli.careMode',
  /** '1' once the person dismissed the automatic care-mode suggestion. */
  careModeSuggestionDismissed: 'linli.careMode.suggestionDismissed',
  /** H5 only: '1' once the person agreed to the platform privacy guide (mirrors WeChat's own record). */
  privacyAgreed: 'linli.privacy.agreed',
  /** H5 dev builds only: the openid of the chosen demo persona. */
  devOpenid: 'linli.dev.openid',
} as const
