import Taro from '@tarojs/taro'
import type { FontSettings } from '@/shared/lib/theme'
import { simulatedLargeFontFromUrl } from '@/features/dev-persona/persona-store'

/**
 * Privacy APIs (getPrivacySetting, onNeedPrivacyAuthorization …) exist from base library 2.32.3
 * (R5.1). The minimum is also set in the MP admin (设置 → 基础库最低版本设置); this is the
 * in-app backstop for clients that slip through.
 */
export const MIN_BASE_LIBRARY = '2.32.3'

/** WeChat's font setting (R6.1). In H5, `?care=1` simulates a large font for testing. */
export function readFontSettings(): FontSettings {
  if (process.env.TARO_ENV === 'h5') {
    return simulatedLargeFontFromUrl(window.location.href) ? { fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8 } : {}
  }
  try {
    const info = Taro.getAppBaseInfo?.() as { fontSizeScaleFactor?: number; fontSizeSetting?: number } | undefined
    return { fontSizeScaleFactor: info?.fontSizeScaleFactor, fontSizeSetting: info?.fontSizeSetting }
  } catch {
    return {}
  }
}

export function warnIfBaseLibraryTooOld(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    const version = Taro.getAppBaseInfo?.().SDKVersion
    if (version && compareVersions(version, MIN_BASE_LIBRARY) < 0) {
      void Taro.showModal({
        title: '请升级微信',
        content: '当前微信版本过低，部分功能无法正常使用。请升级到最新版微信后再试。',
        showCancel: false,
      })
    }
  } catch {
    // No version information: nothing to compare.
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] || 0) - (pb[i] || 0)
    if (diff !== 0) return diff > 0 ? 1 : -1
  }
  return 0
}
