import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { privacyNotice } from '@domain/privacy/notice'
import { callCloud, CloudError, setConsentHandler } from '@/services/cloud'
import { mockFetch } from '../../../../test/fetch-mock'
import { askForConsent, requestConsent } from '../ask-consent'
import { ConsentSheet } from '../ConsentSheet'
import { closeConsentRequest } from '../consent-store'
import { COOLDOWN_MESSAGE, errorText } from '../messages'
import { resetPolicyCache } from '../policy'

const policy = privacyNotice()
const consentRequired = (purpose: string, extra: Record<string, unknown> = {}) => ({
  ok: false,
  error: {
    code: 'CONSENT_REQUIRED',
    message: 'need consent',
    requestId: 'srv',
    details: { purpose, reason: 'NOT_ASKED', policyVersion: policy.policyVersion, canAsk: true, askAfter: null, ...extra },
  },
})
const statusAnswer = { ok: true, data: { policyVersion: policy.policyVersion, items: [] } }
const listMine = { ok: true, data: { memberships: [] } }

let fetchMock: ReturnType<typeof mockFetch> | undefined

beforeEach(() => {
  resetPolicyCache()
  closeConsentRequest('dismissed')
  setConsentHandler(askForConsent)
  jest.spyOn(Taro, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'showToast:ok' }) as never)
})

afterEach(() => {
  fetchMock?.restore()
  fetchMock = undefined
  setConsentHandler(null)
  jest.restoreAllMocks()
})

const sheet = () => document.getElementById('consent-sheet')
const tick = () => document.getElementById('consent-tick') as HTMLElement
const agreeButton = () => document.getElementById('consent-agree-btn') as HTMLElement
const actionsOf = () => fetchMock!.calls.map((c) => `${c.url.replace('/functions/', '')}.${c.body.action}`)

async function tap(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element)
  })
}

test('CONSENT_REQUIRED opens the sheet; after the grant the call is retried once with the same requestId', async () => {
  fetchMock = mockFetch(consentRequired('household'), { ok: true, data: policy }, statusAnswer, listMine)
  render(<ConsentSheet />)

  let result: Promise<unknown> = Promise.resolve()
  act(() => {
    result = callCloud('household', 'listMine', {})
  })
  await waitFor(() => expect(sheet()).not.toBeNull())
  expect(screen.getByText(/房屋与家庭绑定/, { selector: '.sheet__title' })).toBeInTheDocument()
  // Nothing pre-ticked, and 同意 does nothing until the person ticks (R4.3).
  expect(tick()).toHaveAttribute('aria-checked', 'false')
  expect(agreeButton()).toHaveAttribute('aria-disabled', 'true')

  await tap(tick())
  expect(tick()).toHaveAttribute('aria-checked', 'true')
  await tap(agreeButton())

  await expect(result).resolves.toEqual({ memberships: [] })
  expect(actionsOf()).toEqual(['household.listMine', 'consent.policy', 'consent.grant', 'household.listMine'])
  const [first, , grant, retry] = fetchMock.calls
  expect(grant.body.input).toEqual({ purposes: ['household'], policyVersion: policy.policyVersion, channel: 'consent-agree-btn' })
  expect(retry.body.meta.requestId).toBe(first.body.meta.requestId)
  expect(sheet()).toBeNull()
})

test('refusing records the refusal, does not retry, and explains that only this function is unavailable', async () => {
  fetchMock = mockFetch(consentRequired('contact_phone'), { ok: true, data: policy }, statusAnswer)
  render(<ConsentSheet />)

  let outcome: Promise<unknown> = Promise.resolve()
  act(() => {
    outcome = callCloud('user', 'updateProfile', { phone: '13912345678' }).then(
      () => 'resolved',
      (error: unknown) => error,
    )
  })
  await waitFor(() => expect(sheet()).not.toBeNull())
  await tap(screen.getByText('不同意'))

  const error = (await outcome) as CloudError
  expect(error).toBeInstanceOf(CloudError)
  expect(error.code).toBe('CONSENT_REQUIRED')
  expect(error.details).toMatchObject({ purpose: 'contact_phone', outcome: 'refused' })
  expect(actionsOf()).toEqual(['user.updateProfile', 'consent.policy', 'consent.refuse'])
  expect(fetchMock.calls[2].body.input).toEqual({ purpose: 'contact_phone', policyVersion: policy.policyVersion, channel: 'consent-refuse-btn' })
  expect(errorText(error)).toBe('您未同意“联系电话”，仅此功能暂不可用，其他功能照常使用。可在 我的 → 隐私设置 中随时开启。')
  expect(sheet()).toBeNull()
})

test('within 48 h of a refusal (canAsk false) no sheet opens: the call fails once with the 隐私设置 hint', async () => {
  const askAfter = new Date(Date.now() + 3600_000).toISOString()
  fetchMock = mockFetch(consentRequired('contact_phone', { reason: 'REFUSED', canAsk: false, askAfter }), { ok: true, data: policy })
  render(<ConsentSheet />)

  const error = await callCloud('user', 'updateProfile', { phone: '13912345678' }).catch((e: unknown) => e as CloudError)
  expect(error).toBeInstanceOf(CloudError)
  expect((error as CloudError).details).toMatchObject({ outcome: 'cooldown' })
  expect(sheet()).toBeNull()
  expect(fetchMock.calls.filter((c) => c.url === '/functions/user')).toHaveLength(1)
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: COOLDOWN_MESSAGE }))
  expect(errorText(error)).toContain(COOLDOWN_MESSAGE)
})

test('a purpose is asked at most once per call: the same CONSENT_REQUIRED after a grant is not asked again', async () => {
  fetchMock = mockFetch(consentRequired('household'))
  const handler = jest.fn().mockResolvedValue('granted')
  setConsentHandler(handler)
  const error = await callCloud('household', 'listMine', {}).catch((e: unknown) => e as CloudError)
  expect(handler).toHaveBeenCalledTimes(1)
  expect(fetchMock.calls).toHaveLength(2)
  expect((error as CloudError).code).toBe('CONSENT_REQUIRED')
})

test('askConsent: false leaves CONSENT_REQUIRED to the caller', async () => {
  fetchMock = mockFetch(consentRequired('household'))
  const handler = jest.fn()
  setConsentHandler(handler)
  await expect(callCloud('household', 'listMine', {}, { askConsent: false })).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
  expect(handler).not.toHaveBeenCalled()
})

test('a separate-consent (sensitive) sheet shows the sensitive notice, starts unticked, and 同意 is inert until ticked', async () => {
  fetchMock = mockFetch({ ok: true, data: policy }, statusAnswer)
  render(<ConsentSheet />)
  let result: Promise<unknown> = Promise.resolve()
  act(() => {
    result = requestConsent('owner_verification')
  })
  await waitFor(() => expect(sheet()).not.toBeNull())
  expect(screen.getByText('单独同意：业主身份核验（敏感信息）')).toBeInTheDocument()
  expect(screen.getByText(/此项属于敏感个人信息，需要您单独同意/)).toBeInTheDocument()
  expect(screen.getByText(/身份证号（仅保存摘要）（敏感）/)).toBeInTheDocument()
  expect(tick()).toHaveAttribute('aria-checked', 'false')
  expect(agreeButton()).toHaveAttribute('aria-disabled', 'true')

  await tap(agreeButton())
  expect(actionsOf()).toEqual(['consent.policy']) // nothing granted by tapping the disabled button

  await tap(tick())
  expect(agreeButton()).not.toHaveAttribute('aria-disabled')
  await tap(agreeButton())
  await expect(result).resolves.toBe('granted')
  // Sensitive purposes are granted on their own, never bundled (R4.3).
  expect(fetchMock.calls[1].body.input.purposes).toEqual(['owner_verification'])
})

test('a new request starts unticked even if the previous sheet was ticked', async () => {
  fetchMock = mockFetch({ ok: true, data: policy })
  render(<ConsentSheet />)
  act(() => {
    void requestConsent('household')
  })
  await waitFor(() => expect(sheet()).not.toBeNull())
  await tap(tick())
  expect(tick()).toHaveAttribute('aria-checked', 'true')
  act(() => {
    void requestConsent('contact_phone')
  })
  await waitFor(() => expect(screen.getByText('需要您的同意：联系电话')).toBeInTheDocument())
  expect(tick()).toHaveAttribute('aria-checked', 'false')
})
