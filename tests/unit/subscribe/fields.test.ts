/** R5.7: field values fit the platform's limits before sending; request rules for requestSubscribeMessage. */
import { chinaTime, fitField, messageData, requestProblem, type TemplateConfig } from '../../../domain/subscribe/model'

test('thing ≤ 20, phrase ≤ 5, name ≤ 10 characters, cut with an ellipsis; other kinds untouched', () => {
  expect(fitField('thing1', '停水通知')).toBe('停水通知')
  const long = fitField('thing1', '六栋楼顶防水施工期间请关好窗户并收好晾晒衣物')
  expect([...long]).toHaveLength(20)
  expect(long.endsWith('…')).toBe(true)
  expect(fitField('phrase3', '已经发布了')).toBe('已经发布了')
  expect(fitField('phrase3', '已经发布了吗')).toBe('已经发布…')
  expect([...fitField('name2', '欧阳娜娜欧阳娜娜欧阳娜娜')]).toHaveLength(10)
  expect(fitField('time4', '2026-12-01 09:00')).toBe('2026-12-01 09:00')
  // Counted in characters: a rare character outside the BMP is one, not two.
  expect([...fitField('thing1', '𠀀'.repeat(25))]).toHaveLength(20)
})

test('messageData maps our names to the template fields', () => {
  const t: TemplateConfig = { key: 'notice', id: 'T', kind: 'ONE_TIME', title: '', fields: { title: 'thing1', time: 'time2' } }
  expect(messageData(t, { title: '停水', time: chinaTime(new Date('2026-12-01T01:05:00Z')), author: 'x' })).toEqual({ thing1: { value: '停水' }, time2: { value: '2026-12-01 09:05' } })
})

test('R5.7: at most 3 templates per call, never one-time and long-term together', () => {
  expect(requestProblem([{ kind: 'ONE_TIME' }])).toBeNull()
  expect(requestProblem([{ kind: 'ONE_TIME' }, { kind: 'ONE_TIME' }, { kind: 'ONE_TIME' }, { kind: 'ONE_TIME' }])).toContain('最多')
  expect(requestProblem([{ kind: 'ONE_TIME' }, { kind: 'LONG_TERM' }])).toContain('不能一起')
  expect(requestProblem([])).not.toBeNull()
})
