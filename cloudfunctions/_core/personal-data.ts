/**
 * Finding, erasing and pseudonymising one person's data (R4.5 withdrawal, R4.6 export and account
 * deletion, PIPL Art. 47, 网络数据安全管理条例 Art. 24).
 *
 * Finding is generic: every declared collection is read page by page and every document that
 * refers to the openid anywhere (domain/privacy/references.ts) is returned. That is a full scan,
 * acceptable for a rights request (rare, 15-working-day SLA) at the size of a community; when the
 * data outgrows one function call this moves to a timed job that writes progress docs (R5.14).
 */
import { db } from './cloud'
import { findAll } from './data'
import { COLLECTION_NAMES } from './collections'
import { pseudonymFor } from './id-hash'
import { refersTo, replaceReferences, stringRefersTo } from '../../domain/privacy/references'
import { maskName } from '../../domain/privacy/masking'
import { purposeById, type PurposeId } from '../../domain/privacy/purposes'
import type { HouseholdMemberDoc } from '../../domain/community/model'

export type AnyDoc = Record<string, unknown> & { _id: string }

/** Every stored document that refers to the openid, by collection (only non-empty collections). */
export async function findReferences(openid: string): Promise<Record<string, AnyDoc[]>> {
  const out: Record<string, AnyDoc[]> = {}
  for (const name of COLLECTION_NAMES) {
    const docs = (await findAll<AnyDoc>(name, {})).filter((d) => refersTo(d, openid))
    if (docs.length) out[name] = docs
  }
  return out
}

/** Records kept after deletion under a pseudonym: logs and consent evidence (R4.4, R4.11). */
export const RETAINED_COLLECTIONS = ['audit_log', 'access_log', 'consents', 'consent_events', 'rights_requests'] as const

function owns(doc: AnyDoc, openid: string): boolean {
  return doc.openid === openid || doc._id === openid || stringRefersTo(doc._id, openid)
}

async function replaceDoc(collection: string, oldId: string, next: AnyDoc): Promise<void> {
  const { _id, ...data } = next
  await db.collection(collection).doc(_id).set({ data })
  if (_id !== oldId) await db.collection(collection).doc(oldId).remove()
}

/**
 * Rewrite a document with the openid replaced by the pseudonym everywhere, including its _id
 * (a consent record `${openid}:${purpose}` becomes `${pseudonym}:${purpose}`), so nothing kept
 * can be found from the openid again.
 */
export async function pseudonymiseDoc(collection: string, doc: AnyDoc, openid: string): Promise<void> {
  const pseudonym = pseudonymFor(openid)
  const next = replaceReferences(doc, openid, pseudonym)
  // Our own keys for this person may embed the openid with `_` (`hm_${openid}_${unit}`), which the
  // bounded matcher does not treat as a reference; for documents the person owns, rewrite it too.
  if (owns(doc, openid) && next._id.includes(openid)) next._id = next._id.split(openid).join(pseudonym)
  await replaceDoc(collection, doc._id, next)
}

/**
 * A household membership the person no longer wants processed (withdrawal, leaving, deletion):
 * one that staff never reviewed is deleted; a reviewed one is kept as a review record for the
 * purpose's retention (registry: "审核记录保留3年") with a pseudonym and a masked name.
 */
export async function eraseMembership(doc: HouseholdMemberDoc & Record<string, unknown>): Promise<'deleted' | 'anonymised'> {
  if (!doc.reviewedBy) {
    await db.collection('household_members').doc(doc._id).remove()
    return 'deleted'
  }
  const pseudonym = pseudonymFor(doc.openid)
  const next: AnyDoc = {
    ...doc,
    _id: doc._id.split(doc.openid).join(pseudonym),
    openid: pseudonym,
    realName: doc.realName ? maskName(doc.realName) : null,
    status: doc.status === 'APPROVED' || doc.status === 'APPLIED' ? 'LEFT' : doc.status,
    guardianOpenid: null,
    anonymisedAt: new Date(),
  }
  await replaceDoc('household_members', doc._id, next)
  return 'anonymised'
}

/**
 * Withdrawal of one purpose (R4.5): delete or anonymise exactly the data the registry lists for it
 * (`collections` + `fields`). users: the purpose's fields are set to null; household_members: see
 * eraseMembership; any other collection: the person's documents are deleted.
 */
export async function erasePurposeData(openid: string, purposeId: PurposeId): Promise<Record<string, number>> {
  const purpose = purposeById(purposeId)
  const erased: Record<string, number> = {}
  for (const collection of purpose.collections) {
    if (collection === 'users') {
      const data: Record<string, null> = {}
      for (const f of purpose.fields) data[f.key] = null
      const res = (await db.collection('users').doc(openid).update({ data })) as { stats?: { updated?: number } }
      erased.users = res.stats?.updated ?? 0
    } else if (collection === 'household_members') {
      const docs = await findAll<HouseholdMemberDoc & Record<string, unknown>>('household_members', { openid })
      for (const d of docs) await eraseMembership(d)
      erased.household_members = docs.length
    } else if (collection === 'bookings') {
      // booking_sensitive (issue #11): the note of a health or mediation booking goes; the booking
      // itself holds a seat and quota counters (ledger), so it is cancelled by the person, not deleted here.
      const res = (await db.collection('bookings').where({ openid, sensitive: true }).update({ data: { note: null } })) as { stats?: { updated?: number } }
      erased.bookings = res.stats?.updated ?? 0
    } else {
      const res = (await db.collection(collection).where({ openid }).remove()) as { stats?: { removed?: number } }
      erased[collection] = res.stats?.removed ?? 0
    }
  }
  return erased
}

/**
 * Account deletion (R4.6, 网络数据安全管理条例 Art. 24): every document that refers to the person is
 * deleted, except records the law or our retention schedule keeps, which are pseudonymised.
 * Returns counts for the rights-request record.
 */
export async function eraseAccount(openid: string): Promise<{ deleted: number; pseudonymised: number }> {
  const refs = await findReferences(openid)
  let deleted = 0
  let pseudonymised = 0
  for (const [collection, docs] of Object.entries(refs)) {
    for (const doc of docs) {
      if ((RETAINED_COLLECTIONS as readonly string[]).includes(collection)) {
        await pseudonymiseDoc(collection, doc, openid)
        pseudonymised++
      } else if (collection === 'household_members' && doc.openid === openid) {
        const r = await eraseMembership(doc as unknown as HouseholdMemberDoc & Record<string, unknown>)
        if (r === 'deleted') deleted++
        else pseudonymised++
      } else if (owns(doc, openid)) {
        await db.collection(collection).doc(doc._id).remove()
        deleted++
      } else {
        // Someone else's record that mentions the person (reviewedBy, grantedBy, workerOpenids …).
        await pseudonymiseDoc(collection, doc, openid)
        pseudonymised++
      }
    }
  }
  return { deleted, pseudonymised }
}
