import { act, fireEvent, render, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { STORAGE_KEYS } from '@/shared/lib/storage-keys'
import { mockFetch } from '../../../../test/fetch-mock'
import { CareModeRow } from '../CareModeRow'
import { adoptServerCareMode, careModeStore, initCareMode, setCareMode, useTheme } from '../care-mode-store'

function ThemeProbe() {
  const theme = useTheme()
  return <Text data-testid='probe'>{`${theme.rootFontSize} ${theme.bodyPx} ${theme.tapTargetPx}`}</Text>
}

let fetchMock: ReturnType<typeof mockFetch> | undefined

beforeEach(() => {
  localStorage.clear()
  initCareMode({})
})

afterEach(() => {
  fetchMock?.restore()
  fetchMock = undefined
})

test('useTheme gives normal sizes, then care sizes once the row is tapped; the choice is saved and sent', async () => {
  fetchMock = mockFetch({ ok: true, data: { elderMode: true } })
  render(
    <>
      <ThemeProbe />
      <CareModeRow />
    </>,
  )
  expect(screen.getByTestId('probe').textContent).toBe('16px 16 48')

  await act(async () => {
    fireEvent.click(screen.getByText('长辈版'))
  })

  expect(screen.getByTestId('probe').textContent).toBe('20px 20 60')
  expect(localStorage.getItem(STORAGE_KEYS.careMode)).toContain('1')
  expect(fetchMock.calls[0].url).toBe('/functions/user')
  expect(fetchMock.calls[0].body).toMatchObject({ action: 'setElderMode', input: { elderMode: true } })
})

test('a failing backend does not undo the choice', async () => {
  fetchMock = mockFetch(new TypeError('Failed to fetch'))
  await setCareMode(true)
  expect(careModeStore.get().enabled).toBe(true)
})

test('suggests care mode for a large WeChat font only when nobody has chosen yet', () => {
  initCareMode({ fontSizeScaleFactor: 1.4 })
  expect(careModeStore.get().suggestion).toBe(true)

  adoptServerCareMode(false)
  expect(careModeStore.get()).toMatchObject({ enabled: false, chosen: true, suggestion: false })

  initCareMode({ fontSizeScaleFactor: 1.4 })
  expect(careModeStore.get().suggestion).toBe(false)
})

test('the server value is adopted; null (never chosen) leaves the device choice alone', () => {
  adoptServerCareMode(true)
  expect(careModeStore.get().enabled).toBe(true)
  adoptServerCareMode(null)
  expect(careModeStore.get().enabled).toBe(true)
})
