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
import { memberIdFor, pseudonymFor } from './id-hash'
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
  // Older keys may embed the openid with `_` (`hm_${openid}_${unit}` before issue #9), which the
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
    // A new key: the live one is derived from the openid, and a later application by the same
    // account to the same unit must not overwrite the kept review record.
    _id: memberIdFor(pseudonym, doc.unitId),
    openid: pseudonym,
    realName: doc.realName ? maskName(doc.realName) : null,
    status: doc.status === 'APPROVED' || doc.status === 'APPLIED' ? 'LEFT' : doc.status,
    guardianOpenid: null,
    anonymisedAt: new Date(),
  }
  await replaceDoc('household_members', doc._id, next)
  return 'anonymised'
}

/** True when the value holds any of the keys with a non-null value, at any depth. */
function holdsAnyField(value: unknown, keys: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((v) => holdsAnyField(v, keys))
  if (!value || typeof value !== 'object' || value instanceof Date) return false
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => (keys.has(k) && v !== null && v !== undefined) || holdsAnyField(v, keys))
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The caller's finished idempotency records whose stored answer holds one of the fields: a
 * replayed answer must not hand back data the person has withdrawn (issue #9 §7.3). The key is
 * `${function}:${action}:${openid}:${requestId}` (router); PENDING records hold no answer yet.
 */
async function eraseStoredAnswers(openid: string, fieldKeys: ReadonlySet<string>): Promise<number> {
  const mine = await findAll<AnyDoc>('idempotency', { _id: db.RegExp({ regexp: `^[^:]+:[^:]+:${escapeRegExp(openid)}:`, options: '' }) }, { max: 5000 })
  // Finished answers (DONE → response) and the journal steps of idempotent calls (STEP → result,
  // `<key>#<n>`, transaction.ts): a retry replays either, so either may hold withdrawn data.
  const hits = mine.filter(
    (d) => (d.state === 'DONE' && holdsAnyField(d.response, fieldKeys)) || (d.state === 'STEP' && holdsAnyField(d.result, fieldKeys)),
  )
  for (const d of hits) await db.collection('idempotency').doc(d._id).remove()
  return hits.length
}

/**
 * Withdrawal of one purpose (R4.5): delete or anonymise every field the registry declares for it,
 * wherever the purpose says it is held (`collections` × `fields`, R4.1) — so a new field or a new
 * place is erased by declaring it, not by remembering this function (issue #9 §7.3):
 * - users (one document per person): the purpose's fields present there are set to null;
 * - household_members: see eraseMembership (review records kept under a pseudonym, name masked);
 * - any other collection: the person's documents are deleted;
 * - and replayable answers in idempotency that still hold one of the fields are deleted.
 */
/**
 * Data that only exists because of another purpose's data: a guardian's children are registered to
 * the guardian's homes (R4.7), so withdrawing 房屋与家庭绑定 leaves them with no purpose and they are
 * deleted too (minimum necessary, PIPL Art. 6/47; issue #7 item 3 names this before confirming).
 * The dependent consent itself stays as the person set it.
 */
const DEPENDENT_PURPOSES: Partial<Record<PurposeId, PurposeId[]>> = { household: ['minor_household'] }

export async function erasePurposeData(openid: string, purposeId: PurposeId): Promise<Record<string, number>> {
  const erased = await eraseOwnData(openid, purposeId)
  for (const dependent of DEPENDENT_PURPOSES[purposeId] ?? []) {
    for (const [collection, n] of Object.entries(await eraseOwnData(openid, dependent))) erased[collection] = (erased[collection] ?? 0) + n
  }
  return erased
}

async function eraseOwnData(openid: string, purposeId: PurposeId): Promise<Record<string, number>> {
  const purpose = purposeById(purposeId)
  const fieldKeys = new Set(purpose.fields.map((f) => f.key.split('.')[0]))
  const erased: Record<string, number> = {}
  for (const collection of purpose.collections) {
    if (collection === 'users') {
      const user = (await findAll<AnyDoc>('users', { _id: openid }, { max: 1 }))[0]
      const present = user ? [...fieldKeys].filter((k) => k in user && user[k] !== null) : []
      if (present.length) {
        const data: Record<string, unknown> = { updatedAt: new Date() }
        for (const k of present) data[k] = null
        await db.collection('users').doc(openid).update({ data })
      }
      erased.users = present.length
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
  erased.idempotency = await eraseStoredAnswers(openid, fieldKeys)
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
