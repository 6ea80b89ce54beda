/**
 * From talk to decision (议事厅, issue #13 §4): the surveys and owners' decisions whose `origin`
 * is a post or an agenda item, and the 你说我办 action items that carry an agenda item out. The
 * link's other direction is stored by those features (survey.create / election.create take
 * `origin`, action.create a `source`); this side only reads their collections.
 */
import { _ } from '../_core/cloud'
import { findPage } from '../_core/data'
import type { DerivedView } from '../../domain/group/contract'

interface OriginDoc {
  _id: string
  title: string
  status: string
  origin?: { kind: 'post' | 'agenda'; id: string } | null
}
interface ActionRef {
  _id: string
  title: string
  status: string
  source: { kind: string; ref: string | null }
}

/**
 * Derived items per origin id. A draft survey is shown only to staff (`maySeeDrafts`): a resident
 * would follow a link to a page they cannot open. Two indexed queries whatever the number of ids.
 */
export async function derivedOf(originIds: string[], maySeeDrafts: boolean): Promise<Map<string, DerivedView[]>> {
  const out = new Map<string, DerivedView[]>()
  if (!originIds.length) return out
  const where = { 'origin.id': _.in(originIds) }
  const [surveys, elections] = await Promise.all([
    findPage<OriginDoc>('surveys', where as never, { limit: 100 }),
    findPage<OriginDoc>('elections', where as never, { limit: 100 }),
  ])
  const add = (kind: DerivedView['kind'], d: OriginDoc) => {
    const key = d.origin?.id
    if (!key) return
    out.set(key, [...(out.get(key) ?? []), { kind, id: d._id, title: d.title }])
  }
  for (const s of surveys) if (s.status !== 'DRAFT' || maySeeDrafts) add('survey', s)
  for (const e of elections) add('election', e)
  return out
}

/** 你说我办 items whose source is one of these agenda items (within the community: bounded by its index). */
export async function actionsOf(communityId: string, itemIds: string[]): Promise<Map<string, { id: string; title: string; status: string }[]>> {
  const out = new Map<string, { id: string; title: string; status: string }[]>()
  if (!itemIds.length) return out
  const docs = await findPage<ActionRef>('action_items', { communityId, 'source.kind': 'agenda', 'source.ref': _.in(itemIds) } as never, { limit: 200 })
  for (const d of docs) {
    const ref = d.source.ref!
    out.set(ref, [...(out.get(ref) ?? []), { id: d._id, title: d.title, status: d.status }])
  }
  return out
}
