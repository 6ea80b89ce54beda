import { act, fireEvent, render, screen } from '@testing-library/react'
import { STORAGE_KEYS } from '@/shared/lib/storage-keys'
import { PrivacyPopup } from '../PrivacyPopup'
import {
  PrivacyRefusedError,
  REFUSAL_QUIET_MS,
  requirePrivacyAuthorize,
  resetPrivacyState,
  setPrivacyClock,
} from '../privacy-authorization'
import { openPrivacyPrompt, privacyPromptStore } from '../privacy-store'

let clock = 1_000_000

beforeEach(() => {
  localStorage.clear()
  resetPrivacyState()
  privacyPromptStore.set(null)
  clock = 1_000_000
  setPrivacyClock(() => clock)
})

const popup = () => document.getElementById('privacy-popup')

async function tap(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
  })
}

test('agree: the popup shows the contract name, resolves, and is not shown again', async () => {
  render(<PrivacyPopup />)
  let result: Promise<void> = Promise.resolve()
  act(() => {
    result = requirePrivacyAuthorize()
  })
  expect(popup()).not.toBeNull()
  expect(screen.getByText('《邻里小程序隐私保护指引》')).toBeInTheDocument()

  await tap('同意并继续')
  await expect(result).resolves.toBeUndefined()
  expect(popup()).toBeNull()
  expect(localStorage.getItem(STORAGE_KEYS.privacyAgreed)).toContain('1')

  await expect(requirePrivacyAuthorize()).resolves.toBeUndefined()
  expect(popup()).toBeNull()
})

test('disagree: rejects, stays quiet for 10 s, then may ask again', async () => {
  render(<PrivacyPopup />)
  let outcome: Promise<unknown> = Promise.resolve()
  act(() => {
    // Observe the rejection at once, so it is never an unhandled one.
    outcome = requirePrivacyAuthorize().then(() => 'resolved', (error: unknown) => error)
  })
  await tap('不同意')
  expect(await outcome).toBeInstanceOf(PrivacyRefusedError)
  expect(popup()).toBeNull()

  clock += REFUSAL_QUIET_MS - 1
  await expect(requirePrivacyAuthorize()).rejects.toMatchObject({ recentlyRefused: true })
  expect(popup()).toBeNull()

  clock += 1
  act(() => {
    void requirePrivacyAuthorize().catch(() => undefined)
  })
  expect(popup()).not.toBeNull()
})

test('the WeChat resolve is always called: agree with the button id, disagree, or superseded', async () => {
  render(<PrivacyPopup />)
  const resolve = jest.fn()
  const wechatListener = (outcome: 'agree' | 'disagree') =>
    resolve(outcome === 'agree' ? { event: 'agree', buttonId: 'agree-btn' } : { event: 'disagree' })

  act(() => {
    openPrivacyPrompt({ contractName: '《测试指引》', settle: wechatListener })
  })
  expect(screen.getByText('《测试指引》')).toBeInTheDocument()
  await tap('同意并继续')
  expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'agree-btn' })
  expect(document.getElementById('agree-btn')).toBeNull()

  act(() => {
    openPrivacyPrompt({ contractName: '《测试指引》', settle: wechatListener })
  })
  await tap('不同意')
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })

  // A second prompt while one is open settles the first as 'disagree', so nothing hangs.
  const first = jest.fn()
  const second = jest.fn()
  act(() => {
    openPrivacyPrompt({ contractName: 'A', settle: first })
    openPrivacyPrompt({ contractName: 'B', settle: second })
  })
  expect(first).toHaveBeenCalledWith('disagree')
  await tap('同意并继续')
  expect(second).toHaveBeenCalledWith('agree')
  expect(first).toHaveBeenCalledTimes(1)
  expect(second).toHaveBeenCalledTimes(1)
  expect(resolve).toHaveBeenCalledTimes(2)
})
