/**
 * Audience resolution as a table (issue #10): which households a notice addresses, by scope,
 * care tags (R4.10) and owners/tenants (R2.8), and what a grid worker may address (R7.2).
 */
import {
  addresses,
  audienceProblems,
  audienceTouches,
  audienceWithinGrids,
  categoryAllowed,
  decodeCursor,
  encodeCursor,
  isMaterialChange,
  isPinned,
  resolveAudience,
  secCheckOutcome,
  type AudienceSpec,
  type HouseholdFacts,
} from '../../../domain/notice/model'

const grids = [
  { _id: 'g1', buildingIds: ['b1', 'b2'] },
  { _id: 'g2', buildingIds: ['b3'] },
]
const h = (unitId: string, buildingId: string, extra: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  unitId,
  buildingId,
  relations: ['OWNER'],
  hasOwner: true,
  tags: [],
  ...extra,
})
const owner1 = h('b1_101', 'b1')
const tenant2 = h('b2_201', 'b2', { relations: ['TENANT'], hasOwner: false })
const elder3 = h('b3_301', 'b3', { tags: ['ELDERLY_ALONE'] })
const disabled1 = h('b1_102', 'b1', { tags: ['DISABLED'], relations: ['FAMILY'], hasOwner: false })
/** A unit whose people just left: nobody we know lives there. */
const empty3 = h('b3_302', 'b3', { relations: [], hasOwner: false })
const ALL = [owner1, tenant2, elder3, disabled1, empty3]

const reached = (spec: AudienceSpec) => {
  const { audience } = resolveAudience(spec, grids)
  return ALL.filter((x) => addresses(audience, x)).map((x) => x.unitId)
}

test.each<[string, AudienceSpec, string[]]>([
  ['whole community', { scope: 'COMMUNITY' }, ['b1_101', 'b2_201', 'b3_301', 'b1_102', 'b3_302']],
  ['grid 1 = buildings 1 and 2', { scope: 'GRIDS', gridIds: ['g1'] }, ['b1_101', 'b2_201', 'b1_102']],
  ['grid 2', { scope: 'GRIDS', gridIds: ['g2'] }, ['b3_301', 'b3_302']],
  ['building 1', { scope: 'BUILDINGS', buildingIds: ['b1'] }, ['b1_101', 'b1_102']],
  ['two units', { scope: 'UNITS', unitIds: ['b2_201', 'b3_301'] }, ['b2_201', 'b3_301']],
  ['独居老人 in the community', { scope: 'COMMUNITY', tags: ['ELDERLY_ALONE'] }, ['b3_301']],
  ['any care tag in grid 1', { scope: 'GRIDS', gridIds: ['g1'], tags: ['ELDERLY_ALONE', 'DISABLED'] }, ['b1_102']],
  ['owners only', { scope: 'COMMUNITY', relation: 'OWNERS' }, ['b1_101', 'b3_301']],
  ['tenants only', { scope: 'COMMUNITY', relation: 'TENANTS' }, ['b2_201']],
  ['owners only in building 2', { scope: 'BUILDINGS', buildingIds: ['b2'], relation: 'OWNERS' }, []],
])('%s', (_name, spec, expected) => {
  expect(reached(spec)).toEqual(expected)
})

test('moving in and out: the rule is applied to who lives there when the notice is read', () => {
  const { audience } = resolveAudience({ scope: 'COMMUNITY', relation: 'TENANTS' }, grids)
  expect(addresses(audience, empty3)).toBe(false)
  // A tenant moves into 3栋302 after publication: the household is now addressed.
  expect(addresses(audience, { ...empty3, relations: ['TENANT'] })).toBe(true)
  // The tenant of 2栋201 moves out: no longer addressed.
  expect(addresses(audience, { ...tenant2, relations: [] })).toBe(false)
  // A care tag withdrawn (special_care consent withdrawn) takes the household out of a tag audience.
  const { audience: tagged } = resolveAudience({ scope: 'COMMUNITY', tags: ['ELDERLY_ALONE'] }, grids)
  expect(addresses(tagged, { ...elder3, tags: [] })).toBe(false)
})

test('structural problems name the field', () => {
  expect(audienceProblems({ scope: 'GRIDS' })).toEqual([{ field: 'audience.gridIds', message: '请至少选择一个网格' }])
  expect(audienceProblems({ scope: 'UNITS', unitIds: [] })[0].field).toBe('audience.unitIds')
  expect(audienceProblems({ scope: 'COMMUNITY', tags: ['LOW_INCOME'], relation: 'OWNERS' })[0].field).toBe('audience.relation')
  expect(audienceProblems({ scope: 'COMMUNITY', tags: ['LOW_INCOME'] })).toEqual([])
  expect(resolveAudience({ scope: 'GRIDS', gridIds: ['g9'] }, grids).unknownGrids).toEqual(['g9'])
})

test('R7.2: a grid worker addresses only their grids', () => {
  const units = new Map([['b3_301', 'b3'], ['b1_101', 'b1']])
  const within = (spec: AudienceSpec) => audienceWithinGrids(resolveAudience(spec, grids).audience, ['b1', 'b2'], units)
  expect(within({ scope: 'GRIDS', gridIds: ['g1'] })).toBe(true)
  expect(within({ scope: 'GRIDS', gridIds: ['g1', 'g2'] })).toBe(false)
  expect(within({ scope: 'COMMUNITY' })).toBe(false)
  expect(within({ scope: 'UNITS', unitIds: ['b1_101'] })).toBe(true)
  expect(within({ scope: 'UNITS', unitIds: ['b3_301'] })).toBe(false)
  expect(within({ scope: 'UNITS', unitIds: ['unknown'] })).toBe(false)
  expect(audienceWithinGrids(resolveAudience({ scope: 'COMMUNITY' }, grids).audience, 'all', units)).toBe(true)
  expect(audienceTouches(resolveAudience({ scope: 'GRIDS', gridIds: ['g2'] }, grids).audience, ['b1', 'b2'], units)).toBe(false)
  expect(audienceTouches(resolveAudience({ scope: 'COMMUNITY' }, grids).audience, ['b1'], units)).toBe(true)
})

test('categories: property staff only 物业', () => {
  expect(categoryAllowed(['PROPERTY_STAFF'], 'PROPERTY')).toBe(true)
  expect(categoryAllowed(['PROPERTY_STAFF'], 'URGENT')).toBe(false)
  expect(categoryAllowed(['GRID_WORKER'], 'URGENT')).toBe(true)
  expect(categoryAllowed(['RESIDENT'], 'NOTICE')).toBe(false)
})

test('material edits; pinned 紧急; cursors', () => {
  const base = { title: '停水', body: '周三停水', category: 'NOTICE' as const, expiresAt: null }
  expect(isMaterialChange(base, { ...base, body: '周三 停水' }, false)).toBe(false)
  expect(isMaterialChange(base, { ...base, body: '周四停水' }, false)).toBe(true)
  expect(isMaterialChange(base, { ...base, body: '周四停水' }, true)).toBe(false)
  const now = new Date('2026-12-01T00:00:00Z')
  expect(isPinned({ category: 'URGENT', expiresAt: new Date('2026-12-02T00:00:00Z') }, now)).toBe(true)
  expect(isPinned({ category: 'URGENT', expiresAt: new Date('2026-11-30T00:00:00Z') }, now)).toBe(false)
  expect(decodeCursor(encodeCursor(now, 'ntc_x|y'))).toEqual({ publishedAt: now, id: 'ntc_x|y' })
  expect(decodeCursor('garbage')).toBeNull()
})

test('R5.8 outcomes: pass, review → held, risky → refused, no answer → held (fail closed)', () => {
  expect(secCheckOutcome({ verdict: 'PASS', label: 100 })).toEqual({ kind: 'pass' })
  expect(secCheckOutcome({ verdict: 'REVIEW', label: 21000 })).toEqual({ kind: 'hold', reason: 'REVIEW' })
  expect(secCheckOutcome({ verdict: 'RISKY', label: 20006 })).toEqual({ kind: 'refuse', label: 20006 })
  expect(secCheckOutcome({ verdict: 'RISKY', label: null })).toEqual({ kind: 'refuse', label: 0 })
  expect(secCheckOutcome({ verdict: 'UNAVAILABLE', label: null })).toEqual({ kind: 'hold', reason: 'CHECK_UNAVAILABLE' })
})
