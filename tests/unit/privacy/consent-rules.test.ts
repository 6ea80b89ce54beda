import { consentView, grantProblems } from '@domain/privacy/consent-rules'
import { POLICY_VERSION, purposeById } from '@domain/privacy/purposes'
import { REASK_COOLDOWN_MS } from '@domain/privacy/consent-model'
import { privacyNotice } from '@domain/privacy/notice'

const now = new Date('2026-03-01T08:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600 * 1000)

describe('consent view (R4.3–R4.5)', () => {
  test('a purpose on a non-consent basis is shown, effective, never asked', () => {
    const v = consentView(purposeById('account'), null, now)
    expect(v).toMatchObject({ state: 'NOT_REQUIRED', effective: true, canAsk: false })
    expect(consentView(purposeById('owner_roster'), null, now).state).toBe('NOT_REQUIRED')
  })

  test('never asked → may ask', () => {
    expect(consentView(purposeById('household'), null, now)).toMatchObject({ state: 'NOT_ASKED', effective: false, canAsk: true })
  })

  test('refused less than 48 h ago → not asked again until 48 h after the refusal (R4.5)', () => {
    const refusedAt = hoursAgo(47)
    const v = consentView(purposeById('contact_phone'), { state: 'REFUSED', policyVersion: POLICY_VERSION, refusedAt }, now)
    expect(v.canAsk).toBe(false)
    expect(v.askAfter?.getTime()).toBe(refusedAt.getTime() + REASK_COOLDOWN_MS)
  })

  test('refused more than 48 h ago → may ask again', () => {
    const v = consentView(purposeById('contact_phone'), { state: 'REFUSED', policyVersion: POLICY_VERSION, refusedAt: hoursAgo(49) }, now)
    expect(v).toMatchObject({ canAsk: true, askAfter: null })
  })

  test('granted under an older policy version → not effective, asked again at once (PIPL Art. 14)', () => {
    const v = consentView(purposeById('household'), { state: 'GRANTED', policyVersion: '2025.9-old', refusedAt: null }, now)
    expect(v).toMatchObject({ current: false, effective: false, canAsk: true })
  })

  test('a refusal under an older policy does not block asking about the new one', () => {
    const v = consentView(purposeById('household'), { state: 'REFUSED', policyVersion: '2025.9-old', refusedAt: hoursAgo(1) }, now)
    expect(v.canAsk).toBe(true)
  })
})

describe('grant bundling (R4.3, PIPL Art. 29)', () => {
  test('ordinary consents may be granted together', () => {
    expect(grantProblems(['household', 'contact_phone', 'notifications'])).toBeNull()
  })
  test('a separate-consent purpose alone is fine', () => {
    expect(grantProblems(['owner_verification'])).toBeNull()
  })
  test('a separate-consent purpose bundled with anything is refused', () => {
    expect(grantProblems(['household', 'owner_verification'])).toMatch(/单独同意/)
    expect(grantProblems(['special_care', 'owner_verification'])).toMatch(/单独同意/)
  })
  test('non-consent purposes cannot be granted', () => {
    expect(grantProblems(['account'])).toMatch(/依法处理/)
  })
})

describe('privacy notice (R4.1)', () => {
  test('is generated from the registry and carries the policy version', () => {
    const n = privacyNotice()
    expect(n.policyVersion).toBe(POLICY_VERSION)
    const ids = n.purposes.map((p) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['account', 'household', 'contact_phone', 'owner_verification', 'special_care', 'owner_roster', 'security_logs']))
    expect(n.purposes.find((p) => p.id === 'owner_verification')).toMatchObject({ separateConsent: true, sensitive: true, toggleable: true })
    expect(n.purposes.find((p) => p.id === 'account')).toMatchObject({ toggleable: false })
    expect(n.collectedList.some((c) => c.field === '手机号')).toBe(true)
  })
})
