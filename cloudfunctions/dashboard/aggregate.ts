/**
 * The nightly aggregation (issue #15): one document per community and month in
 * dashboard_aggregates, so dashboard.get reads a handful of small documents instead of scanning.
 * Consents and consent events are read once for all communities and grouped in memory.
 */
import { _, db } from '../_core/cloud'
import { findAll, findPage } from '../_core/data'
import { computeAggregate, monthOf, type AggregateInput, type DashboardAggregate } from '../../domain/dashboard/figures'
import { TEMPLATE_KEY } from '../../domain/survey/baseline'
import type { SurveyDoc, SurveyResponseDoc } from '../../domain/survey/model'

const ALL = 10_000_000

/**
 * Every document of a collection, 100 at a time by _id cursor (R5.11): skip-based paging re-reads
 * everything before the page, which over 50,000 events is quadratic.
 */
async function scanAll<T extends { _id: string }>(collection: string): Promise<T[]> {
  const out: T[] = []
  let last = ''
  for (;;) {
    const page = await findPage<T>(collection, last ? { _id: _.gt(last) } : {}, { orderBy: [['_id', 'asc']], limit: 100 })
    out.push(...page)
    if (page.length < 100) return out
    last = page[page.length - 1]._id
  }
}

type Shared = Pick<AggregateInput, 'consents' | 'events'>

async function sharedInput(): Promise<Shared> {
  const [consents, events] = await Promise.all([
    scanAll<{ _id: string } & AggregateInput['consents'][number]>('consents'),
    scanAll<{ _id: string } & AggregateInput['events'][number]>('consent_events'),
  ])
  return { consents, events }
}

/** The newest template survey that residents could answer (published or closed). */
async function templateOf(communityId: string): Promise<AggregateInput['template']> {
  const surveys = await findPage<SurveyDoc>('surveys', { communityId, templateKey: TEMPLATE_KEY }, { orderBy: [['createdAt', 'desc']], limit: 20 })
  const s = surveys.find((x) => x.status !== 'DRAFT')
  if (!s) return null
  const responses: { answers: Record<string, unknown> }[] = []
  for (let skip = 0; ; skip += 100) {
    const page = await findPage<SurveyResponseDoc>('survey_responses', { surveyId: s._id }, { orderBy: [['_id', 'asc']], skip, limit: 100, fields: { answers: true } })
    responses.push(...page)
    if (page.length < 100) break
  }
  return { surveyId: s._id, responses }
}

export async function aggregateCommunity(communityId: string, now: Date, shared?: Shared): Promise<DashboardAggregate & { computedAt: Date }> {
  const month = monthOf(now)
  const [units, members, template, common] = await Promise.all([
    findAll<AggregateInput['units'][number]>('units', { communityId }, { max: ALL }),
    findAll<{ _id: string } & AggregateInput['members'][number]>('household_members', { communityId }, { max: ALL }),
    templateOf(communityId),
    shared ?? sharedInput(),
  ])
  const agg = computeAggregate({ communityId, month, units, members, template, ...common })
  const doc = { ...agg, computedAt: now }
  await db.collection('dashboard_aggregates').doc(`da_${communityId}_${month}`).set({ data: doc })
  return doc
}

export async function aggregateAll(now: Date): Promise<{ communities: number }> {
  const communities = await findAll<{ _id: string }>('communities', {}, { max: 1000 })
  const shared = await sharedInput()
  for (const c of communities) await aggregateCommunity(c._id, now, shared)
  return { communities: communities.length }
}
