/**
 * 业主名册导入 after issue #9 §7.10: a call that ran out of its write budget (CONFLICT resumable)
 * says nothing is in effect yet and offers 继续导入, which sends the same file in the same mode;
 * a file over the row limit is refused in words with the limit. Driven through the page and its
 * real file input; the cloud is a scripted fetch, and what the page sent is read from it.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, resetSession } from '@/features/session/session-store'
import { bootstrapFixture, mockFetch } from '../../../../../../test/fetch-mock'
import RosterPage from '../index'

let fetchMock: ReturnType<typeof mockFetch> | undefined
beforeEach(() => resetSession())
afterEach(() => fetchMock?.restore())

const admin: BootstrapOutput = {
  ...bootstrapFixture,
  memberships: [],
  roles: [{ role: 'COMMUNITY_ADMIN', communityId: 'c_xuetangpo' }],
  capabilities: { c_xuetangpo: ['roster.import', 'roster.publish', 'role.manage', 'household.review'] },
}
const resumable = { ok: false, error: { code: 'CONFLICT', message: '名册较大，本次只导入了一部分（尚未生效）。请再次导入同一文件，将从中断处继续', details: { resumable: true }, requestId: 'r1' } }
const imported = {
  ok: true,
  data: { counts: { rows: 3, units: 3, buildings: 1, parties: 3, retired: 0 }, warnings: [], alreadyImported: false, encoding: 'utf-8' },
}

const CSV = 'building,unit\n1,101\n'
async function pick(name = 'register.csv') {
  const input = document.getElementById('roster-file') as HTMLInputElement
  const file = new File([CSV], name, { type: 'text/csv' })
  // jsdom's File has no arrayBuffer (nor TextEncoder): give it the bytes.
  Object.defineProperty(file, 'arrayBuffer', { value: async () => Uint8Array.from([...CSV].map((c) => c.charCodeAt(0))).buffer })
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } })
  })
}

const importCalls = () => fetchMock!.calls.filter((c) => c.body?.action === 'import')

test('a resumable stop says nothing took effect and 继续导入 sends the same file in the same mode', async () => {
  fetchMock = mockFetch({ ok: true, data: admin }, resumable, imported)
  render(<RosterPage />)
  await act(() => loadSession())
  // 完整名册 (replace) for the first call, then untick it: the resumed call must keep replace.
  fireEvent.click(document.getElementById('roster-replace')!)
  await pick()
  expect(await screen.findByText('名册较大，尚未导入完')).toBeInTheDocument()
  expect(document.getElementById('roster-report')).toHaveTextContent('还没有生效')
  fireEvent.click(document.getElementById('roster-replace')!)

  fireEvent.click(screen.getByText('继续导入'))
  expect(await screen.findByText('导入成功')).toBeInTheDocument()
  const [first, second] = importCalls()
  expect(importCalls()).toHaveLength(2)
  expect(first.body.input).toMatchObject({ mode: 'replace', fileName: 'register.csv' })
  expect(second.body.input).toEqual(first.body.input)
  expect(screen.queryByText('继续导入')).toBeNull()
})

test('a file over the row limit is refused in words with the limit, without 继续导入', async () => {
  const tooLarge = {
    ok: false,
    error: { code: 'ROSTER_INVALID', message: '名册有12000行，超过单次导入上限10000行。请按楼栋拆成几个文件，用“合并”方式分批导入', details: { errors: [{ line: 1, field: '文件', message: '超过单次导入上限10000行，未导入任何数据' }], errorCount: 1, warnings: [], maxRows: 10000 }, requestId: 'r2' },
  }
  fetchMock = mockFetch({ ok: true, data: admin }, tooLarge)
  render(<RosterPage />)
  await act(() => loadSession())
  await pick('big.csv')
  expect(await screen.findByText('文件太大，未导入')).toBeInTheDocument()
  expect(document.getElementById('roster-report')).toHaveTextContent('一次最多导入 10000 行')
  expect(screen.queryByText('继续导入')).toBeNull()
})

test('a CONFLICT that is not resumable is an ordinary failure, not an offer to continue', async () => {
  const conflict = { ok: false, error: { code: 'CONFLICT', message: '该社区的名册正在更新，请稍后再试', details: {}, requestId: 'r3' } }
  fetchMock = mockFetch({ ok: true, data: admin }, conflict)
  render(<RosterPage />)
  await act(() => loadSession())
  await pick()
  expect(await screen.findByText('该社区的名册正在更新，请稍后再试')).toBeInTheDocument()
  expect(importCalls()).toHaveLength(1)
  expect(screen.queryByText('继续导入')).toBeNull()
})
