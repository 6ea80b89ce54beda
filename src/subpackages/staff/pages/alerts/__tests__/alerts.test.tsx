/**
 * 核验异常提醒 (issue #9 §7.2): the page lists household.securityAlerts — unit, what happened,
 * when — and leads back to the review queue; the staff work item on 首页 counts them.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, resetSession } from '@/features/session/session-store'
import { loadWork } from '@/features/portal/portal-model'
import { registration } from '@/features/portal/entries/staff'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { bootstrapFixture, mockFetch } from '../../../../../../test/fetch-mock'
import SecurityAlertsPage from '../index'

let fetchMock: ReturnType<typeof mockFetch> | undefined
beforeEach(() => resetSession())
afterEach(() => {
  fetchMock?.restore()
  jest.restoreAllMocks()
})

const gridWorker: BootstrapOutput = {
  ...bootstrapFixture,
  memberships: [],
  roles: [{ role: 'GRID_WORKER', communityId: 'c_xuetangpo', gridIds: ['g1'] }],
  capabilities: { c_xuetangpo: ['household.review', 'household.read', 'personal.reveal'] },
}
const alerts = [
  { id: 'sa1', kind: 'OWNER_VERIFICATION_LIMIT', limit: 'person', unitId: 'u101', unitLabel: '1栋101', gridId: 'g1', day: '2026-12-01', at: '2026-12-01T02:30:00.000Z' },
  { id: 'sa2', kind: 'OWNER_VERIFICATION_LIMIT', limit: 'unit', unitId: 'u502', unitLabel: '3栋502', gridId: 'g1', day: '2026-12-01', at: '2026-12-01T03:00:00.000Z' },
]

test('each alert shows the unit, what happened and when; 去审核入户申请 opens the review queue', async () => {
  fetchMock = mockFetch({ ok: true, data: gridWorker }, { ok: true, data: { alerts } })
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }) as any)
  render(<SecurityAlertsPage />)
  await act(() => loadSession())
  expect(await screen.findByText('1栋101')).toBeInTheDocument()
  expect(fetchMock.calls[1].body).toMatchObject({ action: 'securityAlerts', input: { communityId: 'c_xuetangpo' } })
  const first = document.getElementById('alert-sa1')!
  expect(first).toHaveTextContent('多次不一致')
  expect(first).toHaveTextContent(formatDateTime('2026-12-01T02:30:00.000Z'))
  expect(document.getElementById('alert-sa2')).toHaveTextContent('当天暂停在线核验')
  fireEvent.click(screen.getByText('去审核入户申请'))
  expect(navigate).toHaveBeenCalledWith({ url: ROUTES.staffReview })
})

test('no alerts: said so, and the way to the review queue stays', async () => {
  fetchMock = mockFetch({ ok: true, data: gridWorker }, { ok: true, data: { alerts: [] } })
  render(<SecurityAlertsPage />)
  await act(() => loadSession())
  expect(await screen.findByText('近7天没有核验异常')).toBeInTheDocument()
  expect(screen.getByText('去审核入户申请')).toBeInTheDocument()
})

test('the staff work item counts the alerts and is only for reviewers', async () => {
  const item = registration.workItems.find((w) => w.key === 'staff-security-alerts')!
  expect(item.url).toBe(ROUTES.staffAlerts)
  expect(item.visible(gridWorker)).toBe(true)
  expect(item.visible(bootstrapFixture as BootstrapOutput)).toBe(false)
  fetchMock = mockFetch({ ok: true, data: { alerts } })
  expect(await loadWork([{ ...registration, workItems: [item] }], gridWorker)).toEqual([{ key: 'staff-security-alerts', title: '核验异常提醒', url: ROUTES.staffAlerts, count: 2 }])
})
