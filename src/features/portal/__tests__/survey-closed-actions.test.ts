/** 你说我办 on 首页 (issue #15): an item closed in the last 14 days that came from the caller is announced; others are not. */
import { closedForYou } from '../entries/survey'

const NOW = Date.parse('2026-12-01T04:00:00Z')
const day = 24 * 3600 * 1000
const item = (id: string, o: Partial<{ status: string; fromYou: boolean; closedAt: string | null }>) => ({ id, title: `事项${id}`, status: 'DONE', fromYou: true, closedAt: new Date(NOW - day).toISOString(), ...o })

test('only closed items from the caller within 14 days, at most three, each opening 你说我办', () => {
  const out = closedForYou(
    [
      item('a', {}),
      item('b', { fromYou: false }),
      item('c', { status: 'IN_PROGRESS', closedAt: null }),
      item('d', { closedAt: new Date(NOW - 15 * day).toISOString() }),
      item('e', { closedAt: new Date(NOW - 14 * day + 60_000).toISOString() }),
      item('f', {}),
      item('g', {}),
    ],
    NOW,
  )
  expect(out.map((a) => a.id)).toEqual(['action-a', 'action-e', 'action-f'])
  expect(out[0]).toEqual({ id: 'action-a', title: '你说我办已办结：事项a', urgent: false, url: '/subpackages/survey/pages/actions/index' })
})
