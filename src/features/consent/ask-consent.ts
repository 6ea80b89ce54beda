import Taro from '@tarojs/taro'
import type { ConsentHandler, ConsentOutcome } from '@/services/cloud'
import { openConsentRequest, type SheetResult } from './consent-store'
import { findPurpose, loadPolicy, rememberTitles } from './policy'
import { COOLDOWN_MESSAGE } from './messages'

/** The sheet's buttons; their ids are recorded as the consent channel (R4.4 "WeChat button id"). */
export const AGREE_BUTTON_ID = 'consent-agree-btn'
export const REFUSE_BUTTON_ID = 'consent-refuse-btn'

/**
 * Show one purpose's consent sheet and wait for the decision. The sheet itself records the grant
 * (consent.grant) or, in 'prompt' mode, the refusal (consent.refuse). Resolves 'unavailable' when
 * the notice cannot be loaded or the purpose is not consent-based (nothing to ask).
 */
export async function requestConsent(purposeId: string, options: { mode?: 'prompt' | 'settings' } = {}): Promise<SheetResult | 'unavailable'> {
  const policy = await loadPolicy().catch(() => null)
  if (!policy) return 'unavailable'
  rememberTitles(policy)
  const purpose = findPurpose(policy, purposeId)
  if (!purpose || !purpose.toggleable) return 'unavailable'
  return new Promise((resolve) => {
    openConsentRequest({ purpose, policyVersion: policy.policyVersion, mode: options.mode ?? 'prompt', settle: resolve })
  })
}

/**
 * Registered with callCloud at launch (setConsentHandler): a function answered CONSENT_REQUIRED.
 * Within 48 h of a refusal we do not ask again (R4.5, 网络数据安全管理条例 Art. 22) — we only say
 * where to turn it on. Otherwise the purpose's sheet opens; a grant lets callCloud retry once.
 */
export const askForConsent: ConsentHandler = async (details): Promise<ConsentOutcome> => {
  if (!details.canAsk) {
    void Taro.showToast({ title: COOLDOWN_MESSAGE, icon: 'none', duration: 3000 })
    // Keep the purpose title cached for the page's own message.
    void loadPolicy().then(rememberTitles, () => undefined)
    return 'cooldown'
  }
  const result = await requestConsent(details.purpose, { mode: 'prompt' })
  if (result === 'granted') return 'granted'
  if (result === 'refused') return 'refused'
  if (result === 'dismissed') return 'dismissed'
  return 'unavailable'
}
