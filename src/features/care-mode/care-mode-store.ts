import { callCloud } from '@/services/cloud'
import { readStorage, writeStorage } from '@/shared/lib/safe-storage'
import { STORAGE_KEYS } from '@/shared/lib/storage-keys'
import { createStore, useStore } from '@/shared/lib/store'
import { computeTheme, shouldSuggestCareMode, type FontSettings, type Theme } from '@/shared/lib/theme'

/**
 * Care mode (长辈版, also found as 亲情版 / 关爱版 / 关怀版): one switch that enlarges the whole UI.
 * The choice is saved on the device at once and on the account (user.setElderMode) when the
 * backend is reachable, so it follows the person to a new phone.
 */
export interface CareModeState {
  enabled: boolean
  /** Whether the person (here or on another device) has ever chosen; if not we may suggest it. */
  chosen: boolean
  /** WeChat's font size in px (getAppBaseInfo().fontSizeSetting); null in browsers. */
  systemFontPx: number | null
  /** Show the "turn on 长辈版?" prompt (R6.1): large system font, no choice made, not dismissed. */
  suggestion: boolean
}

export const careModeStore = createStore<CareModeState>({
  enabled: false,
  chosen: false,
  systemFontPx: null,
  suggestion: false,
})

/** Read the device's saved choice and the system font; decide whether to suggest care mode. */
export function initCareMode(fonts: FontSettings): void {
  const saved = readStorage(STORAGE_KEYS.careMode)
  const dismissed = readStorage(STORAGE_KEYS.careModeSuggestionDismissed) === '1'
  const chosen = saved === '1' || saved === '0'
  careModeStore.set({
    enabled: saved === '1',
    chosen,
    systemFontPx: typeof fonts.fontSizeSetting === 'number' ? fonts.fontSizeSetting : null,
    suggestion: !chosen && !dismissed && shouldSuggestCareMode(fonts),
  })
}

/** The account's choice (bootstrap profile.elderMode) wins over an unchosen device. */
export function adoptServerCareMode(elderMode: boolean | null): void {
  if (elderMode === null) return
  writeStorage(STORAGE_KEYS.careMode, elderMode ? '1' : '0')
  careModeStore.set((prev) => ({ ...prev, enabled: elderMode, chosen: true, suggestion: false }))
}

export async function setCareMode(enabled: boolean): Promise<void> {
  writeStorage(STORAGE_KEYS.careMode, enabled ? '1' : '0')
  careModeStore.set((prev) => ({ ...prev, enabled, chosen: true, suggestion: false }))
  try {
    await callCloud('user', 'setElderMode', { elderMode: enabled }, { retries: 0 })
  } catch {
    // The device keeps the choice; the account catches up next time it is toggled.
  }
}

export function dismissCareModeSuggestion(): void {
  writeStorage(STORAGE_KEYS.careModeSuggestionDismissed, '1')
  careModeStore.set((prev) => ({ ...prev, suggestion: false }))
}

export function useCareMode(): CareModeState {
  return useStore(careModeStore)
}

/** The sizes the current page should use (see shared/lib/theme.ts). */
export function useTheme(): Theme {
  const { enabled, systemFontPx } = useCareMode()
  return computeTheme(enabled, systemFontPx)
}
