import Taro from '@tarojs/taro'
import { TAB_ROUTES } from '@/shared/lib/routes'

/** Tab pages can only be reached with switchTab; everything else is pushed on the stack. */
export function openUrl(url: string): void {
  const path = url.split('?')[0]
  void (TAB_ROUTES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url }))
}
