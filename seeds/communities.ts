/**
 * The eight Changsha communities of the field study (baseline.md). 学堂坡社区 is the fully
 * populated demo community; the others exist so that lists, switching and the dashboard have
 * real neighbours to show.
 */
import type { CommunityDoc } from '../domain/community/model'

export const DEMO_COMMUNITY_ID = 'c_xuetangpo'

export const COMMUNITIES: CommunityDoc[] = [
  { _id: 'c_xuetangpo', name: '学堂坡社区', city: '长沙市', kind: 'OLD_BLOCK', settings: { excludeParkingFromArea: true }, populated: true },
  { _id: 'c_yuelong', name: '岳龙社区', city: '长沙市', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_nanjiatang', name: '南家塘社区', city: '长沙市', kind: 'OLD_BLOCK', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_runlong', name: '润龙社区', city: '长沙市', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_changwang', name: '长望社区', city: '长沙市', kind: 'WORK_UNIT', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_hangtian', name: '航天社区', city: '长沙市', kind: 'WORK_UNIT', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_yangmingshanzhuang', name: '阳明山庄', city: '长沙市', kind: 'NEW_ESTATE', settings: { excludeParkingFromArea: true }, populated: false },
  { _id: 'c_henghua', name: '恒华社区', city: '长沙市', kind: 'VILLAGE_TO_RESIDENCE', settings: { excludeParkingFromArea: true }, populated: false },
]
