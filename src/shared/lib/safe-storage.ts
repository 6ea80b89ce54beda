import Taro from '@tarojs/taro'

/** Storage that never throws: a full or disabled storage must not break the page that saves a preference. */
export function readStorage(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  } catch {
    return null
  }
}

export function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) Taro.removeStorageSync(key)
    else Taro.setStorageSync(key, value)
  } catch {
    // Preference is kept in memory for this session; nothing else to do.
  }
}
