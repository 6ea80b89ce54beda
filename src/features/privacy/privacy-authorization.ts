import Taro from '@tarojs/taro'
import { readStorage, writeStorage } from '@/shared/lib/safe-storage'
import { STORAGE_KEYS } from '@/shared/lib/storage-keys'
import { AGREE_BUTTON_ID, DEFAULT_CONTRACT_NAME, openPrivacyPrompt, type PrivacyOutcome } from './privacy-store'

/** WeChat does not re-prompt within 10 s of a refusal; we keep the same promise (R5.3). */
export const REFUSAL_QUIET_MS = 10_000

export class PrivacyRefusedError extends Error {
  /** Within the quiet period: whole seconds until we may ask again (said, not just "later"). */
  constructor(readonly recentlyRefused: boolean, readonly retryInSeconds = 0) {
    super(recentlyRefused ? `您刚刚拒绝了隐私授权，${Math.max(1, retryInSeconds)} 秒后可再次打开` : '未同意隐私保护指引，无法使用该功能')
    this.name = 'PrivacyRefusedError'
  }
}

let lastRefusalAt = Number.NEGATIVE_INFINITY
let handlerRegistered = false
let now: () => number = () => Date.now()

/** Tests only: control the clock used for the 10 s quiet period. */
export function setPrivacyClock(clock: () => number): void {
  now = clock
}

export function resetPrivacyState(): void {
  lastRefusalAt = Number.NEGATIVE_INFINITY
  writeStorage(STORAGE_KEYS.privacyAgreed, null)
}

/**
 * weapp: register the single global onNeedPrivacyAuthorization listener (R5.2). Registration
 * overwrites, so this is called exactly once, at launch. Every prompt ends in resolve(agree |
 * disagree) — openPrivacyPrompt guarantees settle is called once.
 */
export function registerPrivacyHandler(): void {
  if (process.env.TARO_ENV !== 'weapp' || handlerRegistered) return
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return // base library < 2.32.3: no interception
  handlerRegistered = true
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    void contractName().then((name) =>
      openPrivacyPrompt({
        contractName: name,
        referrer: eventInfo?.referrer,
        settle: (outcome) => {
          if (outcome === 'disagree') lastRefusalAt = now()
          resolve(outcome === 'agree' ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
        },
      }),
    )
  })
}

/**
 * Call before any privacy API (chooseMedia, getLocation, phone number …). Resolves when the
 * person has agreed to the platform privacy guide; rejects with PrivacyRefusedError otherwise,
 * and within 10 s of a refusal rejects at once without prompting again. Features should then
 * explain what will not work and offer the path that needs no personal data.
 */
export function requirePrivacyAuthorize(): Promise<void> {
  const quiet = REFUSAL_QUIET_MS - (now() - lastRefusalAt)
  if (quiet > 0) return Promise.reject(new PrivacyRefusedError(true, Math.ceil(quiet / 1000)))

  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve, reject) => {
      // WeChat simulates a privacy API call: our listener shows the popup if consent is missing.
      Taro.requirePrivacyAuthorize({
        success: () => resolve(),
        fail: () => {
          lastRefusalAt = now()
          reject(new PrivacyRefusedError(false))
        },
      })
    })
  }

  // H5: the browser has no platform privacy layer, so we keep the agreement ourselves.
  if (readStorage(STORAGE_KEYS.privacyAgreed) === '1') return Promise.resolve()
  return new Promise((resolve, reject) => {
    openPrivacyPrompt({
      contractName: DEFAULT_CONTRACT_NAME,
      referrer: 'requirePrivacyAuthorize',
      settle: (outcome: PrivacyOutcome) => {
        if (outcome === 'agree') {
          writeStorage(STORAGE_KEYS.privacyAgreed, '1')
          resolve()
        } else {
          lastRefusalAt = now()
          reject(new PrivacyRefusedError(false))
        }
      },
    })
  })
}

/**
 * The person tapped 同意 on the guide itself (onboarding step 1): that is the agreement, not a
 * reason to prompt again — so no second popup, and no 10 s quiet period, which is about not
 * re-prompting after a refusal, never about refusing a deliberate agreement (issue #7 items 7, 8).
 * weapp: called from bindagreeprivacyauthorization of an openType="agreePrivacyAuthorization"
 * button, after WeChat recorded it. H5: we keep the record ourselves.
 */
export function recordPlatformPrivacyAgreed(): void {
  lastRefusalAt = Number.NEGATIVE_INFINITY
  if (process.env.TARO_ENV !== 'weapp') writeStorage(STORAGE_KEYS.privacyAgreed, '1')
}

/** The guide's title as configured in the MP admin (weapp); ours elsewhere. */
function contractName(): Promise<string> {
  return new Promise((resolve) => {
    if (typeof Taro.getPrivacySetting !== 'function') return resolve(DEFAULT_CONTRACT_NAME)
    Taro.getPrivacySetting({
      success: (res) => resolve(res.privacyContractName || DEFAULT_CONTRACT_NAME),
      fail: () => resolve(DEFAULT_CONTRACT_NAME),
    })
  })
}

/**
 * Whether the platform privacy guide is already agreed, without prompting: onboarding skips its
 * first step then. weapp asks getPrivacySetting (needAuthorization); H5 reads our own record.
 */
export function isPlatformPrivacyAgreed(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(readStorage(STORAGE_KEYS.privacyAgreed) === '1')
  return new Promise((resolve) => {
    if (typeof Taro.getPrivacySetting !== 'function') return resolve(true) // < 2.32.3: nothing intercepted
    Taro.getPrivacySetting({
      success: (res) => resolve(!res.needAuthorization),
      fail: () => resolve(false),
    })
  })
}
