/**
 * Demo 事件上报 and 社情民意 of 学堂坡社区 in several states (issue #10): a fresh hazard report in
 * grid 1 already past its SLA (the escalate timer raises it), a case in progress in grid 2, one
 * resolved and waiting for the reporter, and a confirmed request. Fixed dates, no clock.
 */
import { slaDue, type HistoryEntry, type IncidentDoc, type IncidentState } from '../domain/incident/model'

type Doc = Record<string, unknown> & { _id: string }

export function buildIncidentSeed(s: { communityId: string; gridId: (n: number) => string; buildingId: (n: number) => string; unitId: (b: number, n: string) => string }): { collection: string; docs: Doc[] }[] {
  const at = (iso: string) => new Date(iso)
  const step = (state: IncidentState, when: string, byLabel: string, note: string | null = null, byOpenid: string | null = null): HistoryEntry => ({ state, level: 'GRID', at: at(when), byOpenid, byLabel, note })
  const incident = (key: string, o: Omit<IncidentDoc, '_id' | 'communityId' | 'version' | 'slaDueAt' | 'updatedAt' | 'photos' | 'level'> & { level?: IncidentDoc['level'] }): IncidentDoc => ({
    _id: `inc_seed_${key}`,
    communityId: s.communityId,
    photos: [],
    level: o.level ?? 'GRID',
    version: o.history.length,
    slaDueAt: slaDue(o.category, o.urgency, o.history[o.history.length - 1].at),
    updatedAt: o.history[o.history.length - 1].at,
    ...o,
  })
  const docs = [
    incident('hazard', {
      kind: 'INCIDENT', category: 'SAFETY', urgency: 'NORMAL', reporterOpenid: 'o_demo_owner',
      location: { unitId: null, buildingId: s.buildingId(3), text: '3栋一楼楼道' }, gridId: s.gridId(1), buildingId: s.buildingId(3),
      description: '3栋一楼楼道有电动车在充电，电线从窗户拉出来，担心起火。', state: 'REPORTED', assignee: null,
      history: [step('REPORTED', '2026-11-29T01:30:00.000Z', '居民', null, 'o_demo_owner')], createdAt: at('2026-11-29T01:30:00.000Z'),
    }),
    incident('garbage', {
      kind: 'INCIDENT', category: 'ENVIRONMENT', urgency: 'NORMAL', reporterOpenid: 'o_demo_resident',
      location: { unitId: null, buildingId: s.buildingId(6), text: '6栋垃圾站' }, gridId: s.gridId(2), buildingId: s.buildingId(6),
      description: '6栋旁边的垃圾站两天没有清运，气味很大。', state: 'IN_PROGRESS', assignee: '物业服务中心',
      history: [
        step('REPORTED', '2026-11-30T00:10:00.000Z', '居民', null, 'o_demo_resident'),
        step('ACCEPTED', '2026-11-30T01:00:00.000Z', '网格员 吴强', null, 'o_demo_grid_worker_2'),
        step('ASSIGNED', '2026-11-30T01:05:00.000Z', '网格员 吴强', '承办：物业服务中心', 'o_demo_grid_worker_2'),
        step('IN_PROGRESS', '2026-11-30T03:00:00.000Z', '网格员 吴强', '已联系清运车', 'o_demo_grid_worker_2'),
      ],
      createdAt: at('2026-11-30T00:10:00.000Z'),
    }),
    incident('lamp', {
      kind: 'INCIDENT', category: 'FACILITY', urgency: 'NORMAL', reporterOpenid: 'o_demo_elder',
      location: { unitId: s.unitId(4, '102'), buildingId: s.buildingId(4), text: '4栋门口路灯' }, gridId: s.gridId(1), buildingId: s.buildingId(4),
      description: '4栋门口的路灯坏了，晚上出门看不清台阶。', state: 'RESOLVED', assignee: '物业服务中心',
      history: [
        step('REPORTED', '2026-11-25T10:00:00.000Z', '居民', null, 'o_demo_elder'),
        step('ACCEPTED', '2026-11-25T11:00:00.000Z', '网格员 周敏', null, 'o_demo_grid_worker'),
        step('ASSIGNED', '2026-11-25T11:10:00.000Z', '网格员 周敏', '承办：物业服务中心', 'o_demo_grid_worker'),
        step('IN_PROGRESS', '2026-11-26T02:00:00.000Z', '网格员 周敏', null, 'o_demo_grid_worker'),
        step('RESOLVED', '2026-11-26T08:00:00.000Z', '网格员 周敏', '已更换灯泡', 'o_demo_grid_worker'),
      ],
      createdAt: at('2026-11-25T10:00:00.000Z'),
    }),
    incident('bench', {
      kind: 'REQUEST', category: 'OPINION', urgency: 'NORMAL', reporterOpenid: 'o_demo_family',
      location: { unitId: null, buildingId: null, text: '社区广场' }, gridId: null, buildingId: null, level: 'COMMUNITY',
      description: '建议在社区广场增加几张带靠背的长椅，方便老人休息。', state: 'CONFIRMED', assignee: '居委会',
      history: [
        step('REPORTED', '2026-11-10T02:00:00.000Z', '居民', null, 'o_demo_family'),
        step('ACCEPTED', '2026-11-10T06:00:00.000Z', '居委会工作人员 孙丽', null, 'o_demo_rc_staff'),
        step('ASSIGNED', '2026-11-10T06:10:00.000Z', '居委会工作人员 孙丽', '承办：居委会', 'o_demo_rc_staff'),
        step('IN_PROGRESS', '2026-11-12T02:00:00.000Z', '居委会工作人员 孙丽', null, 'o_demo_rc_staff'),
        step('RESOLVED', '2026-11-20T02:00:00.000Z', '居委会工作人员 孙丽', '已安装4张长椅', 'o_demo_rc_staff'),
        step('CONFIRMED', '2026-11-21T02:00:00.000Z', '上报人', '谢谢', 'o_demo_family'),
      ],
      createdAt: at('2026-11-10T02:00:00.000Z'),
    }),
  ]
  return [{ collection: 'incidents', docs: docs as never }]
}
