/**
 * Issue #9 on the staff pages and 谁看过我的数据: 查看电话 only when the item says hasPhone; 角色管理
 * names grant holders in full (`name`); a grant from the directory names the membership
 * (`memberId`; role.assign refuses targetOpenid); the access log names the viewer (`actorName`).
 * The cloud is a fetch that answers by action, and what the pages sent is read from it.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, resetSession } from '@/features/session/session-store'
import AccessLogPage from '@/subpackages/settings/pages/access-log/index'
import { bootstrapFixture } from '../../../../../test/fetch-mock'
import ReviewPage from '../review/index'
import RolesPage from '../roles/index'

type Sent = { fn: string; action: string; input: any }
let sent: Sent[] = []
const original = globalThis.fetch
/** Answers each call from `answers[action]`; records every call. */
function cloud(answers: Record<string, unknown>) {
  sent = []
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body))
    sent.push({ fn: String(url).split('/').pop()!, action: body.action, input: body.input })
    const data = answers[body.action]
    if (data === undefined) return { ok: true, status: 200, json: async () => ({ ok: false, error: { code: 'INTERNAL', message: `no answer for ${body.action}`, requestId: 'x' } }) }
    return { ok: true, status: 200, json: async () => ({ ok: true, data }) }
  }) as unknown as typeof fetch
}
beforeEach(() => resetSession())
afterEach(() => {
  globalThis.fetch = original
})

const C = 'c_xuetangpo'
const staff = (caps: string[], role: BootstrapOutput['roles'][number]): BootstrapOutput => ({ ...bootstrapFixture, memberships: [], roles: [role], capabilities: { [C]: caps } })
const gridWorker = staff(['household.review', 'household.read', 'personal.reveal'], { role: 'GRID_WORKER', communityId: C, gridIds: ['g1'] })
const admin = staff(['household.review', 'household.read', 'role.manage'], { role: 'COMMUNITY_ADMIN', communityId: C })

const applicant = (id: string, hasPhone: boolean) => ({
  id, unitId: `u_${id}`, unitLabel: `1栋${id}`, gridId: 'g1', relation: 'TENANT', status: 'APPLIED', nameMasked: '黄*', verification: 'NONE', hasPhone, createdAt: '2026-12-01T00:00:00.000Z', as: 'STAFF',
})

test('审核入户申请 offers 查看电话 only for an applicant with a phone on file', async () => {
  cloud({ bootstrap: gridWorker, listForReview: { items: [applicant('101', true), applicant('102', false)], hasMore: false } })
  render(<ReviewPage />)
  await act(() => loadSession())
  await screen.findByText('1栋101 · 黄*')
  expect(document.getElementById('reveal-101')).not.toBeNull()
  expect(document.getElementById('reveal-102')).toBeNull()
  expect(document.getElementById('review-102')).toHaveTextContent('未留电话')
})

test('角色管理 names holders in full and grants a picked resident by memberId, never an account id', async () => {
  const resident = { memberId: 'hm_0123456789abcdef01234567', unitId: 'u1', unitLabel: '2栋402', gridId: 'g1', relation: 'OWNER', nameMasked: '李*', hasPhone: true }
  cloud({
    bootstrap: admin,
    list: { grants: [{ grantId: 'rg_1', role: 'GRID_WORKER', roleLabel: '网格员', nameMasked: '刘*', name: '刘芳', gridIds: ['g1'], grantedAt: '2026-11-01T00:00:00.000Z' }] },
    units: { buildings: [{ id: 'b2', name: '2栋' }] },
    grids: { grids: [{ id: 'g1', name: '第一网格', buildingIds: ['b2'], buildingNames: ['2栋'], households: 10, workerName: '刘芳' }] },
    directory: { items: [resident], hasMore: false },
    assign: { grantId: 'rg_2', role: 'PROPERTY_STAFF', roleLabel: '物业人员', nameMasked: '李*', gridIds: [], grantedAt: '2026-12-01T00:00:00.000Z' },
  })
  render(<RolesPage />)
  await act(() => loadSession())
  expect(await screen.findByText('网格员 · 刘芳')).toBeInTheDocument()
  fireEvent.click(document.getElementById('grant-mode-resident')!)
  fireEvent.click(await screen.findByText('2栋402 · 李*'))
  fireEvent.click(document.getElementById('grant-role-PROPERTY_STAFF')!)
  fireEvent.click(document.getElementById('role-assign')!)
  await screen.findByText(/已授予 2栋402/)
  const assign = sent.find((s) => s.action === 'assign')!
  expect(assign).toMatchObject({ fn: 'role', input: { communityId: C, memberId: resident.memberId, role: 'PROPERTY_STAFF' } })
  expect(assign.input).not.toHaveProperty('targetOpenid')
})

test('谁看过我的数据 names the viewer in full (actorName)', async () => {
  cloud({
    bootstrap: bootstrapFixture,
    myLog: {
      entries: [{ id: 'a1', at: '2026-12-01T01:00:00.000Z', actorRole: 'GRID_WORKER', actorRoleLabel: '网格员', actorName: '刘芳', actorNameMasked: '刘*', field: 'phone', fieldLabel: '电话', reason: '核实入户申请' }],
      hasMore: false,
    },
  })
  render(<AccessLogPage />)
  await act(() => loadSession())
  expect(await screen.findByText('网格员 刘芳')).toBeInTheDocument()
})
