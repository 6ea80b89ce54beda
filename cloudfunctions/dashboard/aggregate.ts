/**
 * The nightly aggregation (issue #15): one document per community and month in
 * dashboard_aggregates, so dashboard.get reads a handful of small documents instead of scanning.
 *
 * It is incremental and resumable (R5.14). A run has a time budget below the function's 60-s
 * limit; it first counts the consent events since the last run (events.ts), then aggregates the
 * communities one by one, recording each one done in the day's pass document. When the budget
 * runs out it stops after the last saved step and says so; the timer fires every ten minutes
 * from 02:00 to 05:50 and the next run goes on from there, and once the day's pass is finished the
 * later firings only read the pass document. Current consent states are read per community
 * through the by_openid index (its accounts, 100 at a time), never by scanning all consents.
 */
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc } from '../_core/data'
import { computeAggregate, monthOf, type AggregateInput, type DashboardAggregate } from '../../domain/dashboard/figures'
import { chinaDay } from '../../domain/survey/model'
import { TEMPLATE_KEY } from '../../domain/survey/baseline'
import type { SurveyDoc, SurveyResponseDoc } from '../../domain/survey/model'
import { catchUpEvents } from './events'
import { featureFigures, type FeatureFigures } from './features'

const ALL = 10_000_000
/** A timer run stops starting new work after this long (the function limit is 60 s); DASHBOARD_BUDGET_MS overrides it (tests). */
export const NIGHTLY_BUDGET_MS = 40_000
/** dashboard.refresh is called from a page: it counts new events for at most this long. */
export const REFRESH_BUDGET_MS = 10_000

type Member = { _id: string } & AggregateInput['members'][number]
type Unit = AggregateInput['units'][number]

interface PassDoc {
  _id: string
  day: string
  done: string[]
  startedAt: Date
  finishedAt: Date | null
  runs: number
}

/** The newest template survey that residents could answer (published or closed). */
async function templateOf(communityId: string): Promise<AggregateInput['template']> {
  const surveys = await findPage<SurveyDoc>('surveys', { communityId, templateKey: TEMPLATE_KEY }, { orderBy: [['createdAt', 'desc']], limit: 20 })
  const s = surveys.find((x) => x.status !== 'DRAFT')
  if (!s) return null
  const responses: { answers: Record<string, unknown> }[] = []
  let last = ''
  for (;;) {
    const page = await findPage<SurveyResponseDoc>('survey_responses', last ? { surveyId: s._id, _id: _.gt(last) } : { surveyId: s._id }, { orderBy: [['_id', 'asc']], limit: 100, fields: { answers: true } })
    responses.push(...page)
    if (page.length < 100) break
    last = page[page.length - 1]._id
  }
  return { surveyId: s._id, responses }
}

/** Current consents of these accounts, through the by_openid index, 100 accounts per query. */
async function consentsOf(openids: string[]): Promise<AggregateInput['consents']> {
  const out: AggregateInput['consents'] = []
  for (let i = 0; i < openids.length; i += 100) {
    const batch = openids.slice(i, i + 100)
    let last = ''
    for (;;) {
      const where = last ? { openid: _.in(batch), _id: _.gt(last) } : { openid: _.in(batch) }
      const page = await findPage<{ _id: string } & AggregateInput['consents'][number]>('consents', where, { orderBy: [['_id', 'asc']], limit: 100, fields: { openid: true, purposeId: true, state: true } })
      out.push(...page)
      if (page.length < 100) break
      last = page[page.length - 1]._id
    }
  }
  return out
}

const approvedMembers = (communityId: string) => findAll<Member>('household_members', { communityId, status: 'APPROVED' }, { max: ALL })

/** Which communities an account holds an approved home in (the unit may not be parking or developer-held). */
async function memberIndex(communityIds: string[]): Promise<{ members: Map<string, Member[]>; communitiesOf: (openid: string) => string[] }> {
  const members = new Map<string, Member[]>()
  const byOpenid = new Map<string, string[]>()
  for (const c of communityIds) {
    const list = await approvedMembers(c)
    members.set(c, list)
    for (const m of list) {
      const cs = byOpenid.get(m.openid) ?? []
      if (!cs.includes(c)) cs.push(c)
      byOpenid.set(m.openid, cs)
    }
  }
  return { members, communitiesOf: (openid) => byOpenid.get(openid) ?? [] }
}

export type StoredAggregate = DashboardAggregate & { computedAt: Date; eventsThrough: Date | null; features: FeatureFigures }

async function writeCommunity(communityId: string, now: Date, members: Member[], monthEvents: AggregateInput['monthEvents'], eventsThrough: Date | null): Promise<StoredAggregate> {
  const month = monthOf(now)
  const [units, template, features] = await Promise.all([findAll<{ _id: string } & Unit>('units', { communityId }, { max: ALL }), templateOf(communityId), featureFigures(communityId, now, members)])
  const homeIds = new Set(units.filter((u) => !u.isParking && !u.developerHeld && !u.retired).map((u) => u._id))
  const accounts = [...new Set(members.filter((m) => homeIds.has(m.unitId)).map((m) => m.openid))]
  const consents = await consentsOf(accounts)
  const agg = computeAggregate({ communityId, month, units, members, consents, monthEvents, template })
  const doc: Omit<StoredAggregate, '_id'> = { ...agg, computedAt: now, eventsThrough, features }
  await db.collection('dashboard_aggregates').doc(`da_${communityId}_${month}`).set({ data: doc })
  return doc as StoredAggregate
}

/** dashboard.refresh: count new events (briefly) and aggregate one community now. */
export async function aggregateCommunity(communityId: string, now: Date): Promise<StoredAggregate> {
  const communities = await findAll<{ _id: string }>('communities', {}, { max: 1000 })
  const { members, communitiesOf } = await memberIndex(communities.map((c) => c._id))
  const { progress } = await catchUpEvents(now, Date.now() + REFRESH_BUDGET_MS, communitiesOf)
  return writeCommunity(communityId, now, members.get(communityId) ?? [], progress.counts[monthOf(now)]?.[communityId] ?? {}, progress.cursor?.at ?? null)
}

/** One run of the nightly timer: as much of the day's pass as fits in the budget. */
export async function aggregateAll(now: Date, budgetMs = Number(process.env.DASHBOARD_BUDGET_MS || NIGHTLY_BUDGET_MS)): Promise<{ complete: boolean; communities: number; done: number; eventsRead: number }> {
  const deadline = Date.now() + budgetMs
  const passId = `dp_pass_${chinaDay(now)}`
  const pass: PassDoc = (await getDoc<PassDoc>('dashboard_progress', passId)) ?? { _id: passId, day: chinaDay(now), done: [], startedAt: now, finishedAt: null, runs: 0 }
  const communities = (await findAll<{ _id: string }>('communities', {}, { max: 1000 })).map((c) => c._id)
  if (pass.finishedAt) return { complete: true, communities: communities.length, done: pass.done.length, eventsRead: 0 }
  pass.runs++
  const savePass = async () => {
    const { _id, ...data } = pass
    await db.collection('dashboard_progress').doc(_id).set({ data })
  }
  const { members, communitiesOf } = await memberIndex(communities)
  const events = await catchUpEvents(now, deadline, communitiesOf)
  if (!events.complete) {
    await savePass()
    return { complete: false, communities: communities.length, done: pass.done.length, eventsRead: events.read }
  }
  const month = monthOf(now)
  let wrote = 0
  for (const c of communities) {
    if (pass.done.includes(c)) continue
    // At least one community per run once the events are counted, so every run makes progress.
    if ((wrote > 0 || events.read > 0) && Date.now() >= deadline) {
      await savePass()
      return { complete: false, communities: communities.length, done: pass.done.length, eventsRead: events.read }
    }
    await writeCommunity(c, now, members.get(c) ?? [], events.progress.counts[month]?.[c] ?? {}, events.progress.cursor?.at ?? null)
    pass.done.push(c)
    wrote++
    await savePass()
  }
  pass.finishedAt = new Date()
  await savePass()
  return { complete: true, communities: communities.length, done: pass.done.length, eventsRead: events.read }
}
