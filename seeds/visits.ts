/**
 * Demo 走访 of grid 1 (issue #10): follow-up schedules for its 独居老人 households (every 7 days),
 * 2栋101 overdue since 2026-11-27, and last week's visits. Fixed dates, no clock.
 */
import type { VisitScheduleDoc } from '../domain/visit/model'

type Doc = Record<string, unknown> & { _id: string }

export function buildVisitSeed(s: { communityId: string; gridId: string; buildingId: (n: number) => string; unitId: (b: number, n: string) => string }): { collection: string; docs: Doc[] }[] {
  const day = (iso: string) => new Date(`${iso}T02:00:00.000Z`)
  const schedule = (b: number, n: string, last: string, next: string): VisitScheduleDoc => ({
    _id: `vsc_${s.unitId(b, n)}`,
    communityId: s.communityId,
    gridId: s.gridId,
    buildingId: s.buildingId(b),
    unitId: s.unitId(b, n),
    tags: ['ELDERLY_ALONE'],
    everyDays: 7,
    lastVisitAt: day(last),
    nextDueAt: day(next),
    active: true,
    updatedAt: day(last),
  })
  const schedules = [schedule(4, '102', '2026-11-28', '2026-12-05'), schedule(2, '101', '2026-11-20', '2026-11-27'), schedule(1, '404', '2026-11-30', '2026-12-07')]
  const visits = schedules.map((sc, i) => ({
    _id: `vis_seed_${i}`,
    communityId: s.communityId,
    gridId: s.gridId,
    buildingId: sc.buildingId,
    unitId: sc.unitId,
    visitorOpenid: 'o_demo_grid_worker',
    visitedAt: sc.lastVisitAt,
    chips: i === 1 ? ['生活能自理', '需要代办服务'] : ['身体状况良好', '已宣传政策'],
    note: i === 1 ? '想办理高龄补贴，下次带表格' : null,
    flags: i === 1 ? ['NEEDS_HELP'] : [],
    createdAt: sc.lastVisitAt,
  }))
  return [
    { collection: 'visit_schedules', docs: schedules as never },
    { collection: 'visits', docs: visits },
  ]
}
