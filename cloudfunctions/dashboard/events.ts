/**
 * Consent refusals and withdrawals per community, purpose and month, read incrementally (issue
 * #15, R5.14): one progress document keeps a cursor (at, _id) into consent_events and the counts so
 * far, written together after each few pages, so a run cut short by its time budget (or by the
 * 60-s function limit) resumes where the last saved page ended and never counts an event twice.
 * Each night reads only the events since the previous run, by the `by_at` index.
 */
import { _, db } from '../_core/cloud'
import { findPage, getDoc } from '../_core/data'
import { monthOf } from '../../domain/dashboard/figures'

export const EVENTS_PROGRESS_ID = 'dp_consent_events'
/** Months of counts kept (the dashboard's trend shows twelve). */
const KEEP_MONTHS = 13
/** Pages read between two saves of the progress document. */
const PAGES_PER_SAVE = 10

export type MonthCounts = Record<string, Record<string, { refused: number; withdrawn: number }>>

export interface EventsProgress {
  _id: string
  /** The last event counted, in (at, _id) order; null before the first run. */
  cursor: { at: Date; id: string } | null
  /** month (YYYY-MM) → communityId → purpose → counts. */
  counts: Record<string, MonthCounts>
  eventsRead: number
  updatedAt: Date
}

interface EventDoc {
  _id: string
  openid: string
  purposeId: string
  event: string
  at: Date
}

/** The start of a month in China time, as an instant. */
export function monthStart(now: Date): Date {
  return new Date(`${monthOf(now)}-01T00:00:00+08:00`)
}

export async function loadEventsProgress(): Promise<EventsProgress | null> {
  return getDoc<EventsProgress>('dashboard_progress', EVENTS_PROGRESS_ID)
}

/** Events after the cursor, oldest first; ties on `at` are ordered by _id so no event is skipped or repeated. */
function afterCursor(cursor: { at: Date; id: string } | null, from: Date): Record<string, unknown> {
  if (!cursor) return { at: _.gte(from) }
  return _.or([{ at: _.gt(new Date(cursor.at)) }, { at: new Date(cursor.at), _id: _.gt(cursor.id) }]) as unknown as Record<string, unknown>
}

async function save(p: EventsProgress, now: Date): Promise<void> {
  const months = Object.keys(p.counts).sort()
  for (const m of months.slice(0, Math.max(0, months.length - KEEP_MONTHS))) delete p.counts[m]
  const { _id, ...data } = { ...p, updatedAt: now }
  await db.collection('dashboard_progress').doc(_id).set({ data })
}

/**
 * Reads new consent events until none are left or the deadline passes. `communitiesOf` maps an
 * account to the communities it holds an approved home in (an event counts in each).
 * Returns whether the cursor reached the newest event.
 */
export async function catchUpEvents(now: Date, deadline: number, communitiesOf: (openid: string) => readonly string[]): Promise<{ complete: boolean; progress: EventsProgress; read: number }> {
  const p: EventsProgress = (await loadEventsProgress()) ?? { _id: EVENTS_PROGRESS_ID, cursor: null, counts: {}, eventsRead: 0, updatedAt: now }
  // A first run starts at this month: older months are not shown beside the live figures.
  const from = monthStart(now)
  let read = 0
  let unsaved = 0
  for (;;) {
    // At least one page per run, so even a run started late makes progress.
    if (read > 0 && Date.now() >= deadline) {
      if (unsaved) await save(p, now)
      return { complete: false, progress: p, read }
    }
    const page = await findPage<EventDoc>('consent_events', afterCursor(p.cursor, from), { orderBy: [['at', 'asc'], ['_id', 'asc']], limit: 100, fields: { openid: true, purposeId: true, event: true, at: true } })
    for (const e of page) {
      if (e.event === 'REFUSED' || e.event === 'WITHDRAWN') {
        const month = monthOf(new Date(e.at))
        for (const c of communitiesOf(e.openid)) {
          const byPurpose = ((p.counts[month] ??= {})[c] ??= {})
          const row = (byPurpose[e.purposeId] ??= { refused: 0, withdrawn: 0 })
          if (e.event === 'REFUSED') row.refused++
          else row.withdrawn++
        }
      }
    }
    if (page.length) {
      const last = page[page.length - 1]
      p.cursor = { at: new Date(last.at), id: last._id }
      p.eventsRead += page.length
      read += page.length
      unsaved++
    }
    if (page.length < 100) {
      if (unsaved || !p.cursor) await save(p, now)
      return { complete: true, progress: p, read }
    }
    if (unsaved >= PAGES_PER_SAVE) {
      await save(p, now)
      unsaved = 0
    }
  }
}
