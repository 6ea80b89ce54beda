/**
 * The other features' figures for the dashboard (issue #15 item 3), read by the nightly job
 * through each collection's community index — never on request. Each block says whether the
 * feature is in use in this community: a community that has no booking resource or never held an
 * election says "not in use here" instead of showing 0.
 */
import { _ } from '../_core/cloud'
import { count, findAll, findPage, getDoc } from '../_core/data'
import { cellId, histogramMedian, SATISFACTION_ITEMS, type ScorecardCell } from '../../domain/scorecard/model'
import { periodOf } from '../../domain/repair/model'
import type { FeatureFigures } from '../../domain/dashboard/figures'

export type { FeatureFigures }

const MAX = 20_000
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)]
}
const monthStartOf = (now: Date) => new Date(`${periodOf(now)}-01T00:00:00+08:00`)

async function groups(communityId: string, accounts: Set<string>): Promise<FeatureFigures['groups']> {
  const gs = await findPage<{ _id: string; status: string }>('groups', { communityId }, { limit: 100, fields: { status: true } })
  if (gs.length === 0) return { available: false, groups: 0, joined: 0, residents: accounts.size, joiners: 0 }
  let joined = 0
  const joiners = new Set<string>()
  for (const g of gs) {
    const ms = await findAll<{ _id: string; openid: string }>('group_members', { groupId: g._id, state: 'JOINED' }, { max: MAX })
    for (const m of ms) {
      if (!accounts.has(m.openid)) continue
      joined++
      joiners.add(m.openid)
    }
  }
  return { available: true, groups: gs.length, joined, residents: accounts.size, joiners: joiners.size }
}

/** Notices published this month: receipts (one per home addressed), read ones and the median minutes to the first read. */
async function notices(communityId: string, now: Date): Promise<FeatureFigures['notices']> {
  const from = monthStartOf(now)
  const ns = (await findAll<{ _id: string; publishedAt: Date | null }>('notices', { communityId, status: 'PUBLISHED' }, { max: 2000 })).filter((n) => n.publishedAt && new Date(n.publishedAt) >= from)
  let receipts = 0
  let read = 0
  const minutes: number[] = []
  for (const n of ns) {
    const rs = await findAll<{ _id: string; readAt: Date | null; readRev: number | null }>('notice_receipts', { noticeId: n._id }, { max: MAX })
    receipts += rs.length
    for (const r of rs) {
      if (r.readRev === null || !r.readAt) continue
      read++
      minutes.push(Math.max(0, (new Date(r.readAt).getTime() - new Date(n.publishedAt!).getTime()) / 60_000))
    }
  }
  const any = ns.length > 0 || (await count('notices', { communityId, status: 'PUBLISHED' })) > 0
  return { available: any, notices: ns.length, receipts, read, medianReadMinutes: median(minutes) }
}

/** The newest election that reached voting: ballots cast ÷ voting rights (homes). */
async function election(communityId: string): Promise<FeatureFigures['election']> {
  const es = await findPage<{ _id: string; title?: string; status: string }>('elections', { communityId }, { orderBy: [['createdAt', 'desc']], limit: 20, fields: { title: true, status: true } })
  const e = es.find((x) => ['VOTING_OPEN', 'PRELIM_RESULT', 'RESULT_FINAL', 'TERMINATED'].includes(x.status))
  if (!e) return { available: false, title: null, rights: 0, ballots: 0 }
  const [rights, ballots] = await Promise.all([count('election_rights', { electionId: e._id }), count('election_ballots', { electionId: e._id })])
  return { available: true, title: e.title ?? null, rights, ballots }
}

/** The property scorecard of this month (issue #14 keeps one cell per community and month). */
async function scorecard(communityId: string, now: Date): Promise<FeatureFigures['scorecard']> {
  const period = periodOf(now)
  const c = await getDoc<ScorecardCell>('scorecard_cells', cellId(communityId, period))
  let n = 0
  let sum = 0
  for (const item of SATISFACTION_ITEMS) {
    n += c?.items[item]?.n ?? 0
    sum += c?.items[item]?.sum ?? 0
  }
  return {
    available: Boolean(c),
    period,
    ratings: n,
    mean: n ? Math.round((sum / n) * 100) / 100 : null,
    repairsDone: c ? Object.values(c.repairs.completionHours).reduce((s, v) => s + v, 0) : 0,
    repairMedianHours: c ? histogramMedian(c.repairs.completionHours) : null,
  }
}

/** Bookings for dates in this month: households that booked, checked in, no-shows. */
async function bookings(communityId: string, now: Date): Promise<FeatureFigures['booking']> {
  const resources = await count('booking_resources', { communityId, active: true })
  if (resources === 0) return { available: false, bookings: 0, households: 0, checkedIn: 0, noShows: 0 }
  const month = periodOf(now)
  const bs = (await findAll<{ _id: string; date: string; unitId?: string; status: string }>('bookings', { communityId, status: _.in(['CONFIRMED', 'CHECKED_IN', 'NO_SHOW']) }, { max: MAX })).filter((b) => b.date?.startsWith(month))
  return {
    available: true,
    bookings: bs.length,
    households: new Set(bs.map((b) => b.unitId).filter(Boolean)).size,
    checkedIn: bs.filter((b) => b.status === 'CHECKED_IN').length,
    noShows: bs.filter((b) => b.status === 'NO_SHOW').length,
  }
}

/** Incidents resolved this month: hours from the report to the first RESOLVED step. */
async function incidents(communityId: string, now: Date): Promise<FeatureFigures['incidents']> {
  const from = monthStartOf(now).getTime()
  const all = await findAll<{ _id: string; createdAt: Date; history: { state: string; at: Date }[] }>('incidents', { communityId }, { max: MAX })
  const hours: number[] = []
  for (const i of all) {
    const resolved = i.history?.find((h) => h.state === 'RESOLVED')
    if (!resolved || new Date(resolved.at).getTime() < from) continue
    hours.push((new Date(resolved.at).getTime() - new Date(i.createdAt).getTime()) / 3_600_000)
  }
  return { available: all.length > 0, reported: all.length, resolved: hours.length, medianHours: median(hours) === null ? null : Math.round(median(hours)! * 10) / 10 }
}

export async function featureFigures(communityId: string, now: Date, members: { openid: string }[]): Promise<FeatureFigures> {
  const accounts = new Set(members.map((m) => m.openid))
  const [g, n, e, s, b, i] = await Promise.all([groups(communityId, accounts), notices(communityId, now), election(communityId), scorecard(communityId, now), bookings(communityId, now), incidents(communityId, now)])
  return { groups: g, notices: n, election: e, scorecard: s, booking: b, incidents: i }
}
