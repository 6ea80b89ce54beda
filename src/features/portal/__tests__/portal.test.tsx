import { act, render, screen } from '@testing-library/react'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, resetSession } from '@/features/session/session-store'
import HomePage from '@/pages/home/index'
import { bootstrapFixture, mockFetch } from '../../../../test/fetch-mock'
import { loadAlerts, loadWork, visibleEntries } from '../portal-model'
import { registrations } from '../registry'
import type { PortalRegistration } from '../types'

let fetchMock: ReturnType<typeof mockFetch> | undefined
beforeEach(() => resetSession())
afterEach(() => fetchMock?.restore())

const session = (over: Partial<BootstrapOutput> = {}): BootstrapOutput => ({ ...bootstrapFixture, ...over })
const gridWorker = session({
  memberships: [],
  roles: [{ role: 'GRID_WORKER', communityId: 'c_xuetangpo', gridIds: ['g1'] }],
  capabilities: { c_xuetangpo: ['household.review', 'household.read', 'personal.reveal', 'notice.publish'] },
})
const admin = session({
  memberships: [],
  roles: [{ role: 'COMMUNITY_ADMIN', communityId: 'c_xuetangpo' }],
  capabilities: { c_xuetangpo: ['household.review', 'household.read', 'roster.import', 'roster.publish', 'role.manage', 'notice.publish', 'dashboard.view'] },
})
const visitor = session({ isNew: true, memberships: [], roles: [], capabilities: {}, currentCommunity: null })
const titles = (s: BootstrapOutput) => visibleEntries(registrations, s).map((e) => e.title)

/** Pages registered in app.config.ts: tab pages and every subpackage page (H5 build). */
function registeredPages(): Set<string> {
  ;(globalThis as any).defineAppConfig = (c: unknown) => c
  const config = require('@/app.config').default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
  return new Set([...config.pages.map((p) => `/${p}`), ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`))])
}

describe('registrations', () => {
  const all = registrations.flatMap((r) => [...r.entries, ...r.workItems, ...r.myThings.map(() => null)]).filter(Boolean)

  test('every entry and work item leads to a registered page; titles ≤ 4 characters, glyphs 1–2', () => {
    const pages = registeredPages()
    expect(all.length).toBeGreaterThan(0)
    for (const r of registrations) {
      for (const e of r.entries) {
        expect(pages.has(e.url.split('?')[0])).toBe(true)
        expect([...e.title].length).toBeLessThanOrEqual(4)
        expect([...e.glyph].length).toBeGreaterThanOrEqual(1)
        expect([...e.glyph].length).toBeLessThanOrEqual(2)
      }
      // A query (…/incident/pages/list/index?staff=1) opens the same registered page.
      for (const w of r.workItems) expect(pages.has(w.url.split('?')[0])).toBe(true)
    }
  })

  test('entries follow role and capability: resident, grid worker, admin, visitor', () => {
    // With booking (issue #11) and notices (issue #10) registered: 社区通知 with a home or
    // notice.publish, 事件上报 with a home, 发布通知 by notice.publish, 预约服务 in the community.
    expect(titles(session())).toEqual(['社区通知', '事件上报', '我的房屋', '预约服务', '隐私设置', '访问记录', '长辈版'])
    expect(titles(gridWorker)).toEqual(['入户审核', '社区通知', '住户名册', '发布通知', '预约服务', '隐私设置', '访问记录', '长辈版'])
    expect(titles(admin)).toEqual(['入户审核', '社区通知', '住户名册', '发布通知', '名册导入', '角色管理', '预约服务', '隐私设置', '访问记录', '长辈版'])
    // A visitor sees only what works without joining.
    expect(titles(visitor)).toEqual(['隐私设置', '隐私说明', '长辈版'])
  })
})

describe('portal model', () => {
  const broken: PortalRegistration = {
    entries: [{ key: 'x', title: '坏的', glyph: '坏', url: '/pages/home/index', order: 1, visible: () => { throw new Error('boom') } }],
    workItems: [
      { key: 'fails', title: '出错', url: '/pages/home/index', visible: () => true, load: () => Promise.reject(new Error('down')) },
      { key: 'zero', title: '没有', url: '/pages/home/index', visible: () => true, load: async () => 0 },
      { key: 'five', title: '五条', url: '/pages/home/index', visible: () => true, load: async () => 5 },
    ],
    myThings: [],
    alerts: [
      { key: 'n', visible: () => true, load: async () => [{ id: 'a', title: '停水通知', urgent: false, url: '/pages/notices/index' }, { id: 'b', title: '燃气泄漏', urgent: true, url: '/pages/notices/index' }] },
      { key: 'off', visible: () => false, load: async () => [{ id: 'c', title: '看不见', urgent: true, url: '/pages/notices/index' }] },
    ],
  }

  test('a failing or zero count drops out; a throwing visible() hides its entry', async () => {
    expect(await loadWork([broken], session())).toEqual([{ key: 'five', title: '五条', url: '/pages/home/index', count: 5 }])
    expect(visibleEntries([broken], session())).toEqual([])
  })

  test('alerts: only visible registrations, urgent first', async () => {
    expect((await loadAlerts([broken], session())).map((a) => a.title)).toEqual(['燃气泄漏', '停水通知'])
  })

  test('the home tab shows the strip from alerts, and none without', async () => {
    fetchMock = mockFetch({ ok: true, data: session() })
    const { unmount } = render(<HomePage portal={[...registrations, broken]} />)
    await act(() => loadSession())
    expect(await screen.findByText('燃气泄漏')).toBeInTheDocument()
    const strip = document.getElementById('home-alerts')
    expect(strip?.textContent).toMatch(/^紧急燃气泄漏.*未读停水通知/)
    unmount()
    resetSession()
    render(<HomePage />)
    await act(() => loadSession())
    expect(screen.getByText('我的房屋', { selector: '.card__title' })).toBeInTheDocument()
    expect(document.getElementById('home-alerts')).toBeNull()
  })
})

describe('home tab by person', () => {
  test('a grid worker sees the pending-review count from the review queue, a tap away', async () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id, unitId: 'u', unitLabel: '2栋402', gridId: 'g1', relation: 'TENANT', status: 'APPLIED', nameMasked: '黄*', verification: 'NONE', createdAt: '2026-12-01T00:00:00.000Z', as: 'STAFF' }))
    fetchMock = mockFetch({ ok: true, data: gridWorker }, { ok: true, data: { items, hasMore: false } })
    render(<HomePage />)
    await act(() => loadSession())
    const row = await screen.findByText('待审核的入户申请')
    expect(row.closest('#work-staff-review')?.querySelector('.count-badge')).toHaveTextContent(/^3$/)
    expect(fetchMock.calls[1].body).toMatchObject({ action: 'listForReview', input: { communityId: 'c_xuetangpo', status: 'APPLIED', page: 0 } })
    expect(document.getElementById('work-card')).toHaveTextContent('网格员 · 学堂坡社区')
    expect(document.getElementById('portal-entry-staff-directory')).toHaveTextContent('住户名册')
  })

  test('staff with nothing waiting are told so instead of an empty home', async () => {
    fetchMock = mockFetch({ ok: true, data: admin }, { ok: true, data: { items: [], hasMore: false } })
    render(<HomePage />)
    await act(() => loadSession())
    expect(await screen.findByText('暂无待办事项')).toBeInTheDocument()
    expect(document.getElementById('portal-entry-staff-roles')).toHaveTextContent('角色管理')
  })

  test('a visitor (先逛逛) sees public entries and what joining unlocks', async () => {
    fetchMock = mockFetch({ ok: true, data: visitor })
    render(<HomePage />)
    await act(() => loadSession())
    expect(screen.getByText('欢迎来到邻里')).toBeInTheDocument()
    expect(document.getElementById('join-unlocks')).toHaveTextContent('网格员')
    expect(document.getElementById('portal-entry-settings-notice')).toHaveTextContent('隐私说明')
    expect(screen.getByText('加入社区')).toBeInTheDocument()
  })

  test('a developer representative following a community is 正在浏览, not 当前社区 above 还没有加入社区', async () => {
    fetchMock = mockFetch({ ok: true, data: session({ memberships: [], roles: [], capabilities: {} }) })
    render(<HomePage />)
    await act(() => loadSession())
    expect(screen.getByText('正在浏览')).toBeInTheDocument()
    expect(screen.queryByText('当前社区')).toBeNull()
    expect(screen.queryByText('还没有加入社区')).toBeNull()
    expect(screen.getByText('还没有绑定房屋')).toBeInTheDocument()
  })

  test('an application under review is one of my things, linking to 我的房屋', async () => {
    const pending = session({ memberships: [{ ...bootstrapFixture.memberships[0], status: 'APPLIED' as const }], roles: [] })
    fetchMock = mockFetch({ ok: true, data: pending })
    render(<HomePage />)
    await act(() => loadSession())
    expect(await screen.findByText('入户申请审核中')).toBeInTheDocument()
    expect(document.getElementById('thing-settings-application')).toHaveTextContent('3栋2单元501 · 租户')
    // Pending is not a visitor's welcome: no second 加入社区 on top of the application.
    expect(document.getElementById('join-empty')).toBeNull()
  })
})
