import { allowedCategories, composeProblems, EMPTY_COMPOSE, publishInput, tomorrowMorning } from '../compose-form'

test('property staff may choose only 物业; grid workers and RC staff every category', () => {
  expect(allowedCategories(['PROPERTY_STAFF'])).toEqual(['PROPERTY'])
  expect(allowedCategories(['GRID_WORKER'])).toContain('URGENT')
  expect(allowedCategories(['RESIDENT'])).toEqual([])
})

test('problems name the field; an empty grid choice is refused', () => {
  expect(composeProblems({ ...EMPTY_COMPOSE, gridIds: [] })).toEqual({ title: '标题至少2个字', body: '正文至少2个字', audience: '请至少选择一个网格' })
  expect(composeProblems({ ...EMPTY_COMPOSE, title: '停水', body: '周三停水', gridIds: ['g1'] })).toEqual({})
})

test('publish input: grids or the community, 紧急 gets its deadline, scheduled for tomorrow 08:00', () => {
  const now = new Date(2026, 11, 1, 15, 0)
  const grid = publishInput({ ...EMPTY_COMPOSE, title: ' 停水 ', body: '周三停水', gridIds: ['g1'], tags: ['ELDERLY_ALONE'], ackRequired: true }, 'c1', now)
  expect(grid).toEqual({ communityId: 'c1', title: '停水', body: '周三停水', category: 'NOTICE', audience: { scope: 'GRIDS', gridIds: ['g1'], tags: ['ELDERLY_ALONE'] }, ackRequired: true, poke: true, visitAfterDays: 2 })
  const urgent = publishInput({ ...EMPTY_COMPOSE, title: '停水', body: '周三停水', category: 'URGENT', urgentHours: 72, publishTomorrow: true }, 'c1', now)
  expect(urgent.audience).toEqual({ scope: 'COMMUNITY' })
  expect(urgent.publishAt).toBe(tomorrowMorning(now).toISOString())
  expect(new Date(urgent.expiresAt!).getTime() - new Date(urgent.publishAt!).getTime()).toBe(72 * 3600_000)
  expect(tomorrowMorning(now).getHours()).toBe(8)
  expect(tomorrowMorning(now).getDate()).toBe(2)
})

test('buildings narrow the grids; owners / tenants only; not with care tags; a poke and the visit days go along', () => {
  const now = new Date(2026, 11, 1, 15, 0)
  const base = { ...EMPTY_COMPOSE, title: '停水', body: '周三停水', gridIds: ['g1'] }
  expect(publishInput({ ...base, buildingIds: ['b2'], relation: 'OWNERS', poke: false, visitAfterDays: 7 }, 'c1', now)).toMatchObject({
    audience: { scope: 'BUILDINGS', buildingIds: ['b2'], relation: 'OWNERS' },
    poke: false,
    visitAfterDays: 7,
  })
  expect(publishInput({ ...base, gridIds: null, relation: 'TENANTS' }, 'c1', now).audience).toEqual({ scope: 'COMMUNITY', relation: 'TENANTS' })
  expect(composeProblems({ ...base, buildingIds: [] }).audience).toBe('请至少选择一个楼栋')
  expect(composeProblems({ ...base, tags: ['DISABLED'], relation: 'TENANTS' }).audience).toContain('不能')
  expect(composeProblems({ ...base, tags: ['DISABLED'] })).toEqual({})
})
