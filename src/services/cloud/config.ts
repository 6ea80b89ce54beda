import Taro from '@tarojs/taro'

/**
 * The WeChat cloud environment the mini-program calls. DYNAMIC_CURRENT_ENV means "the environment
 * the mini-program is bound to (DevTools / console)", so one build serves every environment.
 * Set CLOUD_ENV_ID to a literal env id (e.g. 'linli-prod-1abc') to pin one.
 */
export const CLOUD_ENV_ID: string | null = null

export function cloudEnv(): string {
  if (CLOUD_ENV_ID) return CLOUD_ENV_ID
  // Typed neither by Taro nor by wx typings, but present on wx.cloud (a Symbol) since base library 2.22.
  const cloud = Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: unknown }
  return cloud.DYNAMIC_CURRENT_ENV as string
}
