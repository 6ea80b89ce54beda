import { act, fireEvent, render, screen } from '@testing-library/react'
import { loadSession, resetSession } from '@/features/session/session-store'
import { bootstrapFixture, mockFetch } from '../../../../test/fetch-mock'
import HomePage from '../index'

let fetchMock: ReturnType<typeof mockFetch> | undefined

beforeEach(() => resetSession())
afterEach(() => fetchMock?.restore())

test('shows the current community and the caller roles and homes', async () => {
  fetchMock = mockFetch({ ok: true, data: bootstrapFixture })
  render(<HomePage />)
  await act(() => loadSession())

  expect(screen.getByText('学堂坡社区')).toBeInTheDocument()
  expect(screen.getByText('居民')).toBeInTheDocument()
  expect(screen.getByText('3栋2单元501')).toBeInTheDocument()
  expect(document.getElementById('join-empty')).toBeNull()
})

test('a newcomer without a membership sees the 加入社区 empty state', async () => {
  fetchMock = mockFetch({
    ok: true,
    data: { ...bootstrapFixture, isNew: true, memberships: [], roles: [], capabilities: {}, currentCommunity: null },
  })
  render(<HomePage />)
  await act(() => loadSession())

  expect(screen.getByText('欢迎来到邻里')).toBeInTheDocument()
  expect(screen.getByText('加入社区')).toBeInTheDocument()
})

test('a failed load shows the error with a retry that recovers', async () => {
  fetchMock = mockFetch(new TypeError('Failed to fetch'))
  render(<HomePage />)
  await act(() => loadSession())
  expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeInTheDocument()
  fetchMock.restore()

  fetchMock = mockFetch({ ok: true, data: bootstrapFixture })
  await act(async () => {
    fireEvent.click(screen.getByText('重试'))
    await loadSession()
  })
  expect(screen.getByText('学堂坡社区')).toBeInTheDocument()
})

test('staff without a home see their role and a quiet 绑定房屋 hint, not the newcomer welcome', async () => {
  fetchMock = mockFetch({
    ok: true,
    data: { ...bootstrapFixture, memberships: [], roles: [{ role: 'GRID_WORKER', communityId: 'c_xuetangpo', gridIds: ['g1'] }] },
  })
  render(<HomePage />)
  await act(() => loadSession())

  expect(screen.getByText('网格员')).toBeInTheDocument()
  expect(screen.getByText('绑定房屋')).toBeInTheDocument()
  expect(screen.queryByText('欢迎来到邻里')).toBeNull()
})
