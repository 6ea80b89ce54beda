import { act, fireEvent, render } from '@testing-library/react'
import { privacyNotice } from '@domain/privacy/notice'
import { activePageStore } from '@/shared/lib/active-page'
import { ConsentSheet } from '../ConsentSheet'
import { closeConsentRequest, closeConsentRequestOf, openConsentRequest, type SheetResult } from '../consent-store'

const policy = privacyNotice()
const household = policy.purposes.find((p) => p.id === 'household')!

/** Two pages in the stack, each drawing the app-wide sheet as PageShell does. */
function twoPages() {
  return render(
    <>
      <div id='page-a'>
        <ConsentSheet pageKey='page-a' />
      </div>
      <div id='page-b'>
        <ConsentSheet pageKey='page-b' />
      </div>
    </>,
  )
}

const sheetIn = (page: string) => document.querySelector(`#${page} #consent-sheet`)

function open(): { result: () => SheetResult | null } {
  let result: SheetResult | null = null
  act(() => {
    openConsentRequest({ purpose: household, policyVersion: policy.policyVersion, mode: 'settings', settle: (r) => (result = r) })
  })
  return { result: () => result }
}

afterEach(() => {
  act(() => closeConsentRequest('dismissed'))
  activePageStore.set(null)
})

// Issue #7 item 2: opened in 隐私设置 (page b), it must never be drawn over 我的 (page a).
test('a sheet is drawn only by the page that opened it, and leaves with it undecided', () => {
  twoPages()
  activePageStore.set('page-b')
  const request = open()
  expect(sheetIn('page-b')).not.toBeNull()
  expect(sheetIn('page-a')).toBeNull()

  // Back: page a is in front again, page b unloads.
  activePageStore.set('page-a')
  act(() => closeConsentRequestOf('page-b'))
  expect(sheetIn('page-a')).toBeNull()
  expect(sheetIn('page-b')).toBeNull()
  expect(request.result()).toBe('dismissed')
})

test('another page unloading does not close it', () => {
  twoPages()
  activePageStore.set('page-b')
  const request = open()
  act(() => closeConsentRequestOf('page-a'))
  expect(sheetIn('page-b')).not.toBeNull()
  expect(request.result()).toBeNull()
})

test('✕ and a tap outside close it without a decision', () => {
  twoPages()
  activePageStore.set('page-a')
  for (const target of ['#consent-sheet-close', '#page-a .sheet__mask']) {
    const request = open()
    act(() => {
      fireEvent.click(document.querySelector(target)!)
    })
    expect(sheetIn('page-a')).toBeNull()
    expect(request.result()).toBe('dismissed')
  }
})
