import { STORAGE_KEYS } from '@/shared/lib/storage-keys'
import { isPlatformPrivacyAgreed, PrivacyRefusedError, recordPlatformPrivacyAgreed, REFUSAL_QUIET_MS, requirePrivacyAuthorize, resetPrivacyState, setPrivacyClock } from '../privacy-authorization'
import { privacyPromptStore, settlePrivacyPrompt } from '../privacy-store'

let clock = 5_000_000
beforeEach(() => {
  localStorage.clear()
  resetPrivacyState()
  privacyPromptStore.set(null)
  setPrivacyClock(() => clock)
})

async function refuseOnce(): Promise<void> {
  const refused = requirePrivacyAuthorize().catch((e: unknown) => e)
  settlePrivacyPrompt('disagree')
  expect(await refused).toBeInstanceOf(PrivacyRefusedError)
}

// Issue #7 item 7: the quiet period says how long, instead of "请稍后再试".
test('within the quiet period the refusal says how many seconds are left', async () => {
  await refuseOnce()
  clock += 3_500
  await expect(requirePrivacyAuthorize()).rejects.toMatchObject({ recentlyRefused: true, retryInSeconds: 7, message: '您刚刚拒绝了隐私授权，7 秒后可再次打开' })
  clock += REFUSAL_QUIET_MS
})

// Issue #7 items 7–8: 同意并继续 on the guide is the agreement, even right after a 不同意.
test('a deliberate agreement right after a refusal is recorded, and nothing prompts again', async () => {
  await refuseOnce()
  recordPlatformPrivacyAgreed()
  expect(localStorage.getItem(STORAGE_KEYS.privacyAgreed)).toContain('1')
  await expect(isPlatformPrivacyAgreed()).resolves.toBe(true)
  await expect(requirePrivacyAuthorize()).resolves.toBeUndefined()
  expect(privacyPromptStore.get()).toBeNull()
})
