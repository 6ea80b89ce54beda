import Taro from '@tarojs/taro'
import { callCloud } from '@/services/cloud'

/** The 通知 tab's position in app.config.ts tabBar.list. */
const NOTICES_TAB = 1

/**
 * The unread badge on the 通知 tab (issue #10): the server counts unread notices among the latest
 * 100 addressed to the caller's households. Failures leave the badge as it was — it is a hint, the
 * inbox itself is the truth. Called at launch, when the inbox shows and after reading one.
 */
export async function refreshNoticeBadge(): Promise<number | null> {
  try {
    const { unread } = await callCloud('notice', 'summary', {}, { askConsent: false })
    if (unread > 0) await Taro.setTabBarBadge({ index: NOTICES_TAB, text: unread > 99 ? '99+' : String(unread) })
    else await Taro.removeTabBarBadge({ index: NOTICES_TAB })
    return unread
  } catch {
    return null
  }
}
