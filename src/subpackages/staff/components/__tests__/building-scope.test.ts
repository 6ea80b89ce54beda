import { buildingsInScope, gridNames } from '../building-scope'

const C = 'c_xuetangpo'
const buildings = [1, 2, 5, 6, 7, 8].map((n) => ({ id: `b${n}`, name: `${n}栋` }))
const grids = [
  // Building names deliberately disagree with ids in g3: scoping goes by id.
  { id: 'g1', name: '第一网格', buildingIds: ['b1', 'b2'], buildingNames: ['1栋', '2栋'] },
  { id: 'g2', name: '第二网格', buildingIds: ['b5', 'b6', 'b7'], buildingNames: ['5栋', '6栋', '7栋'] },
  { id: 'g3', name: '第三网格', buildingIds: ['b8'], buildingNames: ['八栋'] },
]

test('a grid worker sees only the buildings of their grids', () => {
  const roles = [{ role: 'GRID_WORKER' as const, communityId: C, gridIds: ['g2'] }]
  expect(buildingsInScope(buildings, grids, roles, C).map((b) => b.name)).toEqual(['5栋', '6栋', '7栋'])
  const g3 = [{ role: 'GRID_WORKER' as const, communityId: C, gridIds: ['g3'] }]
  expect(buildingsInScope(buildings, grids, g3, C).map((b) => b.id)).toEqual(['b8'])
})

test('RC staff and admins see every building, also when they are a grid worker too', () => {
  expect(buildingsInScope(buildings, grids, [{ role: 'COMMUNITY_ADMIN', communityId: C }], C)).toHaveLength(6)
  const both = [
    { role: 'GRID_WORKER' as const, communityId: C, gridIds: ['g1'] },
    { role: 'RC_STAFF' as const, communityId: C },
  ]
  expect(buildingsInScope(buildings, grids, both, C)).toHaveLength(6)
})

test('no capability, or a role in another community: nothing', () => {
  expect(buildingsInScope(buildings, grids, [{ role: 'RESIDENT', communityId: C }], C)).toEqual([])
  expect(buildingsInScope(buildings, grids, [{ role: 'RC_STAFF', communityId: 'other' }], C)).toEqual([])
  expect(buildingsInScope(buildings, grids, [{ role: 'PROPERTY_STAFF', communityId: C }], C)).toEqual([])
})

test('grid ids are shown by name; an unknown id as it is', () => {
  expect(gridNames(['g2', 'gx'], grids)).toEqual(['第二网格', 'gx'])
})
