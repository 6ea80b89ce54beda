import { act, render, screen } from '@testing-library/react'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, resetSession } from '@/features/session/session-store'
import { bootstrapFixture, mockFetch } from '../../../../test/fetch-mock'
import MePage from '../index'

let fetchMock: ReturnType<typeof mockFetch> | undefined

beforeEach(() => resetSession())
afterEach(() => fetchMock?.restore())

async function renderWith(data: Partial<BootstrapOutput>) {
  fetchMock = mockFetch({ ok: true, data: { ...bootstrapFixture, ...data } })
  render(<MePage />)
  await act(() => loadSession())
}

test('every account can reach 输入邀请码; a resident has no 工作台', async () => {
  await renderWith({})
  expect(document.getElementById('redeem-invite-row')).not.toBeNull()
  expect(document.getElementById('staff-entries')).toBeNull()
  expect(document.getElementById('owner-review-row')).toBeNull()
})

test('输入邀请码 sits under 更多, after the settings, not in the resident main list (issue 7 item 17)', async () => {
  await renderWith({})
  const invite = document.getElementById('redeem-invite-row')!
  expect(invite.closest('#more-list')).not.toBeNull()
  const privacy = document.getElementById('privacy-row')!
  expect(privacy.compareDocumentPosition(invite) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
})

test('someone who follows a community without a home reads 正在浏览 (issue 7 item 10)', async () => {
  await renderWith({ memberships: [], roles: [], capabilities: {} })
  expect(document.getElementById('profile-card')).toHaveTextContent('正在浏览：学堂坡社区')
})

test('an owner with pending tenant/family applications gets 审核入户申请 with the count', async () => {
  await renderWith({ ownerReviews: 2, roles: [{ role: 'OWNER', communityId: 'c_xuetangpo' }] })
  const row = document.getElementById('owner-review-row')
  expect(row).not.toBeNull()
  expect(row).toHaveTextContent('2 条租户/家庭成员的入户申请待您审核')
  expect(document.getElementById('staff-entries')).toBeNull()
})

test('staff who review anyway get one entry, not two', async () => {
  await renderWith({
    ownerReviews: 1,
    roles: [{ role: 'GRID_WORKER', communityId: 'c_xuetangpo', gridIds: ['g1'] }],
    capabilities: { c_xuetangpo: ['household.review', 'household.read', 'personal.reveal'] },
  })
  expect(document.getElementById('owner-review-row')).toBeNull()
  expect(document.getElementById('staff-review-row')).toHaveTextContent('其中 1 条是您房屋的申请')
  expect(document.getElementById('staff-directory-row')).toHaveTextContent('住户名册')
  expect(document.getElementById('staff-identity-row')).toHaveTextContent('工作身份：网格员')
})

test('住户名册 only with household.read; a role without pages still shows its work identity', async () => {
  await renderWith({
    roles: [{ role: 'PROPERTY_STAFF', communityId: 'c_xuetangpo' }],
    capabilities: { c_xuetangpo: ['personal.reveal', 'notice.publish'] },
  })
  expect(document.getElementById('staff-directory-row')).toBeNull()
  expect(screen.getByText('工作身份：物业人员')).toBeInTheDocument()
})
