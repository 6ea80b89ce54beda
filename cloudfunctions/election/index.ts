/**
 * election: owners' decisions and committee elections (issue #12). Identity from OPENID only;
 * voting rights from the roster snapshot frozen at roster publicity (R2.1–R2.3); one ballot per
 * right under a deterministic _id inside a transaction (R2.4, R3.11); every state change and ballot
 * appended to the election's hash chain in the same transaction (item 7).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, getDoc, isDuplicateKey } from '../_core/data'
import { requireCapability } from '../_core/guards'
import { sha256Hex } from '../_core/id-hash'
import { checkText } from '../_core/content-check'
import { assertOwnUploads, requestMediaChecks, visibleImages } from '../_core/media-check'
import { withTransaction, type Txn } from '../_core/transaction'
import type { CallContext } from '../_core/context'
import { electionContract } from '../../domain/election/contract'
import { checkTransition, hasResult, isFrozen, itemKeyOf, lockedUntil, prepGroupProblems, scheduleProblems, thresholdOf, votingOpen, whyNotOpen } from '../../domain/election/lifecycle'
import { CANDIDATE_CONDITIONS, electionSettingsOf, missingDeclarations } from '../../domain/election/eligibility'
import { countRunning, newTallyJob, percentOf, stepTally, storedBallotFile } from './tally-job'
import { snapshotRoster, rightsOf, type SnapshotUnit } from '../../domain/election/roster'
import { approvalValid, quorumMet, tallyElection, tallyMotion, type MotionChoice } from '../../domain/election/tally'
import { writeBallotFile } from '../../domain/election/ballot-file'
import { verifyChain, type ChainEntry } from '../../domain/election/audit-chain'
import { unitLabel, type BuildingDoc, type CommunityDoc, type HouseholdMemberDoc, type RoleGrantDoc, type UnitDoc } from '../../domain/community/model'
import { maskName } from '../../domain/privacy/masking'
import { AppError } from '../../domain/shared/errors'
import {
  appendAudit, ballotId, loadElection, makeReceipt, normalise, quorumNeeds, readAllPaged, receiptHashOf, rightId, summaryOf, toDate, txElection,
  type BallotDoc, type ElectionDoc, type RightDoc, type StoredResults,
} from './store'

/** How long a PRELIM_RESULT transition counts before leaving the rest to the count-results timer (R5.14). */
const INLINE_COUNT_MS = 1500
/** A timer run stops starting pages after this, well inside the function's 20 s timeout. */
const TIMER_COUNT_MS = 12_000
const STAFF_ROLES = ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN', 'GRID_WORKER', 'PROPERTY_STAFF'] as const

const belongs = (ctx: CallContext, communityId: string) => ctx.roles.some((r) => r.communityId === communityId)
function requireBelongs(ctx: CallContext, communityId: string): void {
  if (!belongs(ctx, communityId)) throw new AppError('FORBIDDEN', '您不是该社区的成员', { communityId })
}
/** Owners (R2.8: not tenants or family) and staff of the community. */
function requireOwnerOrStaff(ctx: CallContext, communityId: string): void {
  const ok = ctx.roles.some((r) => r.communityId === communityId && (r.role === 'OWNER' || (STAFF_ROLES as readonly string[]).includes(r.role)))
  if (!ok) throw new AppError('FORBIDDEN', '只有本小区业主和工作人员可以查看', { communityId })
}
const canManage = (ctx: CallContext, communityId: string) => ctx.roles.some((r) => r.communityId === communityId && ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'].includes(r.role))

/** The caller's verified-owner units in the community: approved OWNER / CO_OWNER memberships (R2.8). */
function ownedUnits(ctx: CallContext, communityId: string): string[] {
  return ctx.memberships.filter((m) => m.communityId === communityId && m.status === 'APPROVED' && (m.relation === 'OWNER' || m.relation === 'CO_OWNER')).map((m) => m.unitId)
}

async function rightsForUnits(electionId: string, unitIds: string[]): Promise<RightDoc[]> {
  if (!unitIds.length) return []
  return findAll<RightDoc>('election_rights', { electionId, unitIds: _.in(unitIds) }, { max: 500 })
}

async function isPropertyStaff(openid: string, communityId: string): Promise<boolean> {
  const grants = await findAll<RoleGrantDoc>('role_grants', { openid, revokedAt: null }, { max: 200 })
  return grants.some((g) => g.communityId === communityId && (g.role === 'PROPERTY_STAFF' || g.propertyCompanyStaff === true))
}

interface CandidateDoc {
  _id: string
  electionId: string
  communityId: string
  openid: string
  name: string
  unitLabel: string
  statement: string
  nominatedBy: string
  nominators: string | null
  /** R3.4: the preparatory group approves the list; only APPROVED candidates are publicised and on the ballot. */
  status: 'PENDING' | 'APPROVED' | 'REJECTED'
  declarations: string[]
  reviewNote: string | null
  createdAt: Date
}

async function candidatesOf(electionId: string, status?: CandidateDoc['status']): Promise<CandidateDoc[]> {
  return findAll<CandidateDoc>('election_candidates', { electionId, withdrawnAt: null, ...(status ? { status } : {}) }, { orderBy: [['createdAt', 'asc']], max: 200 })
}
async function approvedCandidateIds(electionId: string): Promise<string[]> {
  return (await candidatesOf(electionId, 'APPROVED')).map((d) => d._id)
}
/** The id goes into the anonymised ballot file: a hash, never the openid. */
const candidateIdOf = (electionId: string, openid: string) => `cand_${sha256Hex(`${electionId}:${openid}`).slice(0, 12)}`
/** Nominations are open until the candidates are publicised (R3.1 step 3). */
const nominationsOpen = (e: ElectionDoc) => e.kind === 'ELECTION' && (e.status === 'PREP_GROUP_FORMED' || e.status === 'ROSTER_PUBLICIZED')

/** Check a ballot's content against the item (electronic ballots are refused, not stored invalid). */
async function checkContent(e: ElectionDoc, choice: MotionChoice | undefined, approve: string[] | undefined): Promise<{ choice: MotionChoice | null; approve: string[] | null }> {
  if (e.kind === 'MOTION') {
    if (!choice) throw new AppError('VALIDATION_FAILED', '请选择同意、反对或弃权', { fields: { choice: ['必填'] } })
    return { choice, approve: null }
  }
  if (!approve) throw new AppError('VALIDATION_FAILED', '请勾选候选人（可以一个都不选，即弃权）', { fields: { approve: ['必填'] } })
  const known = new Set(await approvedCandidateIds(e._id))
  if (!approvalValid(approve, e.seats ?? 0, known)) {
    throw new AppError('VALIDATION_FAILED', `最多选${e.seats}人，不能重复，只能选公示的候选人`, { fields: { approve: [`最多${e.seats}人，且须为公示候选人`] } })
  }
  return { choice: null, approve }
}

/**
 * The one place a ballot is counted: inside a transaction, the right's ballot _id must be free
 * (first valid ballot wins, R2.4/R3.11), voting must be open by the server clock, and the ballot,
 * the turnout and the audit head are written together.
 */
async function castInTxn(
  t: Txn,
  ctx: CallContext,
  electionId: string,
  right: RightDoc,
  content: { choice: MotionChoice | null; approve: string[] | null },
  via: BallotDoc['via'],
  extra: { voterOpenid: string | null; proxyId: string | null; enteredBy: string[] | null },
): Promise<string> {
  const e = await txElection(t, electionId)
  if (!votingOpen(e, ctx.now)) throw new AppError('ELECTION_NOT_OPEN', whyNotOpen(e, ctx.now), { status: e.status })
  const id = ballotId(electionId, right.party)
  const existing = (await t.collection('election_ballots').doc(id).get()).data as BallotDoc | null
  if (existing) throw new AppError('ALREADY_VOTED', '这个表决权已经投过票了', { via: existing.via })
  const receipt = makeReceipt()
  const ballot: BallotDoc = {
    _id: id,
    electionId,
    communityId: e.communityId,
    party: right.party,
    areaCentiM2: right.areaCentiM2,
    ...content,
    via,
    ...extra,
    receipt,
    receiptHash: receiptHashOf(electionId, receipt),
    castAt: ctx.now,
  }
  await t.collection('election_ballots').add({ data: ballot })
  const head = await appendAudit(t, e, ctx, 'ballot.cast', { party: right.party, via, proxyId: extra.proxyId, receiptHash: ballot.receiptHash })
  await t.collection('elections').doc(electionId).update({
    data: { participating: { heads: e.participating.heads + 1, areaCentiM2: e.participating.areaCentiM2 + right.areaCentiM2 }, audit: head },
  })
  return receipt
}

async function cast(ctx: CallContext, electionId: string, right: RightDoc, content: { choice: MotionChoice | null; approve: string[] | null }, via: BallotDoc['via'], extra: { voterOpenid: string | null; proxyId: string | null; enteredBy: string[] | null }) {
  try {
    return await withTransaction((t) => castInTxn(t, ctx, electionId, right, content, via, extra))
  } catch (e) {
    // A racing transaction that lost on the unique _id: the right was used first by someone else.
    if (isDuplicateKey(e)) throw new AppError('ALREADY_VOTED', '这个表决权已经投过票了')
    throw e
  }
}

/** Audit-only change of an election inside a transaction (status or fields plus the chain head). */
async function changeElection(ctx: CallContext, electionId: string, fn: (e: ElectionDoc, t: Txn) => Promise<{ patch: Record<string, unknown>; event: string; details: Record<string, unknown> }>): Promise<ElectionDoc> {
  return withTransaction(async (t) => {
    const e = await txElection(t, electionId)
    const { patch, event, details } = await fn(e, t)
    const head = await appendAudit(t, e, ctx, event, details)
    await t.collection('elections').doc(electionId).update({ data: { ...patch, audit: head } })
    return { ...e, ...patch, audit: head } as ElectionDoc
  }).then((e) => normalise(e))
}

/** Take (or retake) the roster snapshot: one rights document per voting right (R2.1). */
async function takeSnapshot(e: ElectionDoc): Promise<{ total: { heads: number; areaCentiM2: number }; excludeParkingFromArea: boolean }> {
  const community = await getDoc<CommunityDoc>('communities', e.communityId)
  const settings = community?.settings ?? { excludeParkingFromArea: true }
  const units = await readAllPaged<UnitDoc>('units', { communityId: e.communityId })
  const roster = snapshotRoster(units as SnapshotUnit[], settings)
  const rights = rightsOf(roster)
  const old = await readAllPaged<RightDoc>('election_rights', { electionId: e._id })
  const keep = new Set([...rights.keys()].map((p) => rightId(e._id, p)))
  for (const o of old) if (!keep.has(o._id)) await db.collection('election_rights').doc(o._id).remove()
  const docs = [...rights.entries()].map(([party, r]) => ({ _id: rightId(e._id, party), electionId: e._id, communityId: e.communityId, party, areaCentiM2: r.areaCentiM2, unitIds: r.unitIds }))
  for (let i = 0; i < docs.length; i += 20) await Promise.all(docs.slice(i, i + 20).map(({ _id, ...data }) => db.collection('election_rights').doc(_id).set({ data })))
  let area = 0
  for (const r of rights.values()) area += r.areaCentiM2
  return { total: { heads: rights.size, areaCentiM2: area }, excludeParkingFromArea: settings.excludeParkingFromArea }
}

/** Count from the snapshot and the stored ballots, reads paged at 1,000; the file and its hash. */
async function count(e: ElectionDoc, now: Date): Promise<StoredResults & { reads: number; fileText: string }> {
  const counter = { reads: 0 }
  const [rights, ballots] = await Promise.all([
    readAllPaged<RightDoc>('election_rights', { electionId: e._id }, counter, { party: true, areaCentiM2: true }),
    readAllPaged<BallotDoc>('election_ballots', { electionId: e._id }, counter, { party: true, areaCentiM2: true, choice: true, approve: true, receiptHash: true }),
  ])
  const roster = rights.map((r) => ({ unitId: r._id, party: r.party, areaCentiM2: r.areaCentiM2 }))
  const candidates = e.kind === 'ELECTION' ? await approvedCandidateIds(e._id) : []
  if (e.kind === 'ELECTION') counter.reads += 1 + Math.floor(candidates.length / 100)
  const motion = e.kind === 'MOTION' ? tallyMotion({ threshold: e.threshold, roster, ballots: ballots.map((b) => ({ party: b.party, choice: b.choice! })) }) : null
  const election = e.kind === 'ELECTION' ? tallyElection({ seats: e.seats ?? 0, candidates, roster, ballots: ballots.map((b) => ({ party: b.party, approve: b.approve ?? [] })) }) : null
  const total = (motion ?? election)!.total
  const fileText = writeBallotFile(
    { electionId: e._id, kind: e.kind, threshold: e.threshold, seats: e.seats, candidates, total },
    ballots.map((b) => ({ receiptHash: b.receiptHash, areaCentiM2: b.areaCentiM2, choice: b.choice, approve: b.approve })),
  )
  return { legalBasis: `民法典第278条第${e.matter}项`, motion, election, ballotFileSha256: sha256Hex(fileText), countedAt: now, reads: counter.reads, fileText }
}

/** Unit labels (楼栋+房号) for a few unit ids of a community. */
async function unitLabeller(communityId: string, unitIds: string[]): Promise<(id: string) => string> {
  const ids = [...new Set(unitIds.filter(Boolean))]
  const units = ids.length ? await findAll<UnitDoc>('units', { _id: _.in(ids) }, { max: 2000 }) : []
  const buildings = await findAll<BuildingDoc>('buildings', { communityId }, { max: 2000 })
  return (id: string) => {
    const u = units.find((x) => x._id === id)
    return u ? unitLabel(buildings.find((b) => b._id === u.buildingId)?.name ?? '', u.number) : id
  }
}

function requireCommunity(e: ElectionDoc, communityId: string): void {
  // The capability was checked for the community in the input; the vote must belong to it.
  if (e.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到这次表决', { electionId: e._id })
}

export const main = createFunction(electionContract, {
  async create(input, ctx) {
    const fields: Record<string, string[]> = { ...(scheduleProblems(input.votingOpensAt, input.votingClosesAt, ctx.now) ?? {}) }
    if (input.prepGroup) {
      const p = prepGroupProblems(input.prepGroup.members, input.prepGroup.leader)
      if (p.length) fields.prepGroup = p
    }
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', Object.values(fields)[0][0], { fields })
    const itemKey = itemKeyOf(input.communityId, input.matter, input.title)
    const terminated = await findAll<ElectionDoc>('elections', { itemKey, status: 'TERMINATED' }, { max: 100 })
    const lock = lockedUntil(terminated.map((d) => ({ itemKey: d.itemKey, lockUntil: d.lockUntil ? toDate(d.lockUntil) : null })), itemKey, ctx.now)
    if (lock) throw new AppError('ELECTION_LOCKED', `同一事项的表决已终止，${lock.toISOString().slice(0, 10)} 前不能再次发起`, { lockUntil: lock.toISOString() })
    const id = `el_${sha256Hex(`${ctx.openid}:${ctx.requestId}`).slice(0, 16)}`
    const doc: ElectionDoc = {
      _id: id,
      communityId: input.communityId,
      kind: input.kind,
      matter: input.matter,
      threshold: thresholdOf(input.matter),
      title: input.title,
      description: input.description,
      seats: input.seats ?? null,
      status: 'PREP_GROUP_FORMED',
      itemKey,
      votingOpensAt: input.votingOpensAt,
      votingClosesAt: input.votingClosesAt,
      originalClosesAt: input.votingClosesAt,
      docsPublicizedAt: null,
      prelimAt: null,
      finalAt: null,
      terminatedAt: null,
      lockUntil: null,
      extensions: [],
      total: null,
      participating: { heads: 0, areaCentiM2: 0 },
      roster: null,
      results: null,
      prepGroup: input.prepGroup ?? null,
      origin: input.origin ?? null,
      audit: { seq: 0, hash: '0'.repeat(64) },
      createdBy: ctx.openid,
      createdAt: ctx.now,
    }
    const created = await withTransaction(async (t) => {
      const head = await appendAudit(t, doc, ctx, 'election.created', { kind: doc.kind, matter: doc.matter, threshold: doc.threshold, title: doc.title, seats: doc.seats, votingOpensAt: doc.votingOpensAt.toISOString(), votingClosesAt: doc.votingClosesAt.toISOString(), origin: doc.origin ?? null })
      const final = { ...doc, audit: head }
      await t.collection('elections').add({ data: final })
      return final
    })
    return { election: summaryOf(normalise(created), ctx.now) }
  },

  async list({ communityId }, ctx) {
    requireBelongs(ctx, communityId)
    const docs = await findAll<ElectionDoc>('elections', { communityId }, { orderBy: [['createdAt', 'desc']], max: 200 })
    return { elections: docs.map((d) => summaryOf(normalise(d), ctx.now)) }
  },

  async get({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireBelongs(ctx, e.communityId)
    const owned = ownedUnits(ctx, e.communityId)
    const rights = await rightsForUnits(e._id, owned)
    const open = votingOpen(e, ctx.now)
    const whyNot = !owned.length ? '只有已核验的业主可以投票（租户和家庭成员不参加业主表决）' : !rights.length ? '您的房屋不在本次表决的业主名册中' : open ? null : whyNotOpen(e, ctx.now)
    const cands = e.kind === 'ELECTION' ? await candidatesOf(electionId, 'APPROVED') : []
    const community = nominationsOpen(e) ? await getDoc<CommunityDoc>('communities', e.communityId) : null
    const standing = nominationsOpen(e) && owned.length ? await getDoc<CandidateDoc>('election_candidates', candidateIdOf(electionId, ctx.openid)) : null
    return {
      election: summaryOf(e, ctx.now),
      canVote: open && rights.length > 0,
      canManage: canManage(ctx, e.communityId),
      canPaper: ctx.roles.some((r) => r.communityId === e.communityId && ['COMMITTEE_MEMBER', 'RC_STAFF', 'COMMUNITY_ADMIN'].includes(r.role)),
      whyNot,
      candidates: cands.map((c) => ({ id: c._id, name: c.name, unitLabel: c.unitLabel, statement: c.statement })),
      candidateConditions: community ? electionSettingsOf(community).candidateConditions.map((k) => ({ key: k, label: CANDIDATE_CONDITIONS[k] })) : [],
      canNominate: nominationsOpen(e) && owned.length > 0 && !standing,
    }
  },

  async transition({ communityId, electionId, to, votingClosesAt, note, officers, filingRef }, ctx) {
    const before = await loadElection(electionId)
    requireCommunity(before, communityId)
    // The roster snapshot is taken before the state changes, outside the transaction (thousands of writes).
    const snap = to === 'ROSTER_PUBLICIZED' && before.status === 'PREP_GROUP_FORMED' ? await takeSnapshot(before) : null
    const all = before.kind === 'ELECTION' ? await candidatesOf(electionId) : []
    const approvedIds = all.filter((c) => c.status === 'APPROVED').map((c) => c._id)
    const candidates = approvedIds.length
    // R3.4: the preparatory group decides on every nomination before the list is publicised.
    if (to === 'DOCS_PUBLICIZED' && all.some((c) => c.status === 'PENDING')) throw new AppError('CONFLICT', '还有候选人报名未审核，请先审核', { pending: all.filter((c) => c.status === 'PENDING').length })
    if (to === 'OFFICERS_CHOSEN' && officers) {
      // MOHURD Art. 33: chair and vice-chairs are chosen from among the elected members.
      const elected = new Set(before.results?.election?.elected ?? [])
      const picked = [officers.chair, ...officers.viceChairs]
      if (!picked.every((c) => elected.has(c)) || new Set(picked).size !== picked.length) throw new AppError('VALIDATION_FAILED', '主任、副主任须从当选委员中推选，且不能重复', { fields: { officers: ['须为当选委员'] } })
    }
    const after = await changeElection(ctx, electionId, async (e) => {
      const met = !!e.total && quorumMet(e.participating, e.total)
      const r = checkTransition(e, to, ctx.now, { quorumMet: met, newClosesAt: votingClosesAt, candidates, seats: e.seats })
      if (!r.ok) throw new AppError(r.code, r.message, r.code === 'VALIDATION_FAILED' ? { fields: { votingClosesAt: [r.message] }, ...r.details } : r.details)
      const patch: Record<string, unknown> = { ...r.patch }
      const details: Record<string, unknown> = { from: e.status, to, note: note ?? null }
      // Steps 7–9 are due within days; a late one is still recorded, and its lateness audited.
      if (r.late) details.late = true
      if (to === 'OFFICERS_CHOSEN') {
        patch.officers = officers
        details.officers = officers
      }
      if (to === 'FILED') {
        patch.filingRef = filingRef
        details.filingRef = filingRef
      }
      if (snap) {
        patch.total = snap.total
        patch.roster = { takenAt: ctx.now, excludeParkingFromArea: snap.excludeParkingFromArea }
        details.total = snap.total
      }
      if (to === 'EXTEND') {
        // R3.12: each extension is publicised; ballots already cast carry over untouched.
        patch.extensions = [...e.extensions, { from: e.votingClosesAt, to: votingClosesAt!, publicizedAt: ctx.now }]
        details.votingClosesAt = votingClosesAt!.toISOString()
      }
      if (to === 'PRELIM_RESULT') {
        // Voting is closed: the ballots are final. The count runs in pages (R5.14); see tally-job.ts.
        patch.tally = newTallyJob(e, approvedIds, ctx.now)
        patch.results = null
        details.ballots = e.participating.heads
      }
      if (to === 'TERMINATED') details.lockUntil = (r.patch.lockUntil as Date).toISOString()
      return { patch, event: `election.${to.toLowerCase()}`, details }
    })
    if (to === 'PRELIM_RESULT') {
      // The transition has committed; a failed step only leaves the rest of the count to the timer.
      const done = await stepTally(electionId, ctx.now, INLINE_COUNT_MS).then((r) => r.done, (err: unknown) => (console.error(`[${ctx.requestId}] inline count of ${electionId} stopped:`, err), false))
      if (done) return { election: summaryOf(await loadElection(electionId), ctx.now) }
    }
    return { election: summaryOf(after, ctx.now) }
  },

  async roster({ electionId, refresh }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    let current = e
    if (refresh) {
      requireCapability(ctx, 'election.manage', e.communityId)
      // Frozen for the vote: corrections from objections only before voting opens.
      if (e.status !== 'ROSTER_PUBLICIZED' && e.status !== 'DOCS_PUBLICIZED') throw new AppError('CONFLICT', '投票开始后名册已冻结，不能更正', { status: e.status })
      const snap = await takeSnapshot(e)
      current = await changeElection(ctx, electionId, async () => ({
        patch: { total: snap.total, roster: { takenAt: ctx.now, excludeParkingFromArea: snap.excludeParkingFromArea } },
        event: 'roster.retaken',
        details: { total: snap.total },
      }))
    }
    const [rights, buildings, objections] = await Promise.all([
      readAllPaged<RightDoc>('election_rights', { electionId }),
      findAll<BuildingDoc>('buildings', { communityId: e.communityId }, { max: 2000 }),
      findAll<{ _id: string; openid: string; unitLabel: string | null; text: string; answer: string | null; at: Date }>('election_objections', { electionId }, { orderBy: [['at', 'asc']], max: 500 }),
    ])
    const counted = new Map<string, number>()
    for (const r of rights) for (const u of r.unitIds) counted.set(u, 1)
    const units = await readAllPaged<UnitDoc>('units', { communityId: e.communityId })
    const bName = new Map(buildings.map((b) => [b._id, b.name]))
    // R2.2 publication: unit and area, never owner names (those stay with the organisers).
    return {
      frozen: isFrozen(current.status),
      takenAt: current.roster ? toDate(current.roster.takenAt) : null,
      excludeParkingFromArea: current.roster?.excludeParkingFromArea ?? true,
      total: current.total ?? { heads: 0, areaCentiM2: 0 },
      units: units.filter((u) => !u.retired).map((u) => ({ unitId: u._id, label: unitLabel(bName.get(u.buildingId) ?? '', u.number), areaCentiM2: u.area, counted: counted.has(u._id) })),
      objections: objections.map((o) => ({ id: o._id, unitLabel: o.unitLabel, text: o.text, answer: o.answer, mine: o.openid === ctx.openid, at: o.at })),
    }
  },

  async object({ electionId, unitId, text }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    if (e.status !== 'ROSTER_PUBLICIZED' && e.status !== 'DOCS_PUBLICIZED') throw new AppError('CONFLICT', '只能在名册公示期间提出异议', { status: e.status })
    const unit = unitId ? await getDoc<UnitDoc>('units', unitId) : null
    if (unitId && (!unit || unit.communityId !== e.communityId)) throw new AppError('VALIDATION_FAILED', '房屋不在本小区', { fields: { unitId: ['不在本小区'] } })
    const building = unit ? await getDoc<BuildingDoc>('buildings', unit.buildingId) : null
    const id = `eo_${electionId}_${sha256Hex(`${ctx.openid}:${ctx.requestId}`).slice(0, 12)}`
    await changeElection(ctx, electionId, async (_e, t) => {
      await t.collection('election_objections').add({ data: { _id: id, electionId, communityId: e.communityId, openid: ctx.openid, unitId: unitId ?? null, unitLabel: unit ? unitLabel(building?.name ?? '', unit.number) : null, text, answer: null, answeredBy: null, at: ctx.now } })
      return { patch: {}, event: 'roster.objection', details: { objectionId: id, unitId: unitId ?? null } }
    })
    return { objectionId: id }
  },

  async answerObjection({ communityId, objectionId, answer }, ctx) {
    const o = await getDoc<{ _id: string; electionId: string; communityId: string }>('election_objections', objectionId)
    if (!o || o.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该异议', { objectionId })
    await changeElection(ctx, o.electionId, async (_e, t) => {
      await t.collection('election_objections').doc(objectionId).update({ data: { answer, answeredBy: ctx.openid, answeredAt: ctx.now } })
      return { patch: {}, event: 'roster.objection_answered', details: { objectionId } }
    })
    return { objectionId }
  },

  async nominate({ electionId, unitId, nominatedBy, nominators, statement, declarations }, ctx) {
    const e = await loadElection(electionId)
    if (e.kind !== 'ELECTION') throw new AppError('CONFLICT', '这是表决事项，没有候选人', { electionId })
    if (!nominationsOpen(e)) throw new AppError('CONFLICT', '候选人名单已公示，报名已截止', { status: e.status })
    // R3.4 eligibility: a verified owner of this community, not working for the property company …
    const m = ctx.memberships.find((x) => x.unitId === unitId && x.communityId === e.communityId && x.status === 'APPROVED' && (x.relation === 'OWNER' || x.relation === 'CO_OWNER'))
    if (!m) throw new AppError('FORBIDDEN', '只有本小区已核验的业主可以参选', { unitId })
    if (await isPropertyStaff(ctx.openid, e.communityId)) throw new AppError('FORBIDDEN', '物业服务企业工作人员不能参选业委会委员', {})
    // … and every condition the community's settings require, declared with the pledge (from config, not code).
    const settings = electionSettingsOf(await getDoc<CommunityDoc>('communities', e.communityId))
    const missing = missingDeclarations(settings, declarations)
    if (missing.length) throw new AppError('VALIDATION_FAILED', missing[0], { fields: { declarations: missing } })
    // R5.8: the statement is published, so it passes msgSecCheck v2 (scene 3); risky is refused, and
    // an unsure or unavailable check leaves it for the preparatory group, who review every nomination anyway.
    const verdict = await checkText(ctx.openid, statement, 3)
    if (verdict === 'RISKY') throw new AppError('CONTENT_REFUSED', '参选陈述未通过内容安全检查，请修改', { fields: { statement: ['内容安全检查未通过'] } })
    const unit = await getDoc<UnitDoc>('units', unitId)
    const building = unit ? await getDoc<BuildingDoc>('buildings', unit.buildingId) : null
    const id = candidateIdOf(electionId, ctx.openid)
    const name = m.realName ?? ctx.user?.realName ?? '业主'
    await changeElection(ctx, electionId, async (_e, t) => {
      const existing = (await t.collection('election_candidates').doc(id).get()).data
      if (existing) throw new AppError('CONFLICT', '您已经报名', { candidateId: id })
      const doc: Omit<CandidateDoc, '_id'> & { _id: string; unitId: string; pledgeAt: Date; withdrawnAt: null; contentCheck: string } = {
        _id: id, electionId, communityId: e.communityId, openid: ctx.openid, name, unitId, unitLabel: unit ? unitLabel(building?.name ?? '', unit.number) : '', statement, nominatedBy, nominators: nominators ?? null,
        status: 'PENDING', declarations: settings.candidateConditions, reviewNote: null, contentCheck: verdict, pledgeAt: ctx.now, createdAt: ctx.now, withdrawnAt: null,
      }
      await t.collection('election_candidates').add({ data: doc })
      return { patch: {}, event: 'candidate.nominated', details: { candidateId: id, nominatedBy, declarations: settings.candidateConditions } }
    })
    return { candidateId: id }
  },

  async candidates({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireBelongs(ctx, e.communityId)
    // Owners see the publicised list; the organisers also see nominations awaiting their review.
    const docs = await candidatesOf(electionId, canManage(ctx, e.communityId) ? undefined : 'APPROVED')
    return { candidates: docs.map((c) => ({ id: c._id, name: c.name, unitLabel: c.unitLabel, statement: c.statement, nominatedBy: c.nominatedBy, nominators: c.nominators ?? null, status: c.status, declarations: c.declarations ?? [], reviewNote: c.reviewNote ?? null })) }
  },

  async reviewCandidate({ communityId, candidateId, approve, note }, ctx) {
    const c = await getDoc<CandidateDoc>('election_candidates', candidateId)
    if (!c || c.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该候选人', { candidateId })
    const status = approve ? ('APPROVED' as const) : ('REJECTED' as const)
    await changeElection(ctx, c.electionId, async (e, t) => {
      if (!nominationsOpen(e)) throw new AppError('CONFLICT', '候选人名单已公示，不能再改', { status: e.status })
      await t.collection('election_candidates').doc(candidateId).update({ data: { status, reviewNote: note ?? null, reviewedBy: ctx.openid, reviewedAt: ctx.now } })
      return { patch: {}, event: approve ? 'candidate.approved' : 'candidate.rejected', details: { candidateId, note: note ?? null } }
    })
    return { candidateId, status }
  },

  async castBallot({ electionId, choice, approve, forUnitId }, ctx) {
    const e = await loadElection(electionId)
    if (!votingOpen(e, ctx.now)) throw new AppError('ELECTION_NOT_OPEN', whyNotOpen(e, ctx.now), { status: e.status })
    const content = await checkContent(e, choice, approve)
    if (forUnitId) {
      // As an approved proxy (R2.6): the written authorisation was checked by staff.
      const [right] = await rightsForUnits(electionId, [forUnitId])
      if (!right) throw new AppError('NOT_FOUND', '该房屋不在本次表决名册中', { unitId: forUnitId })
      const proxy = await getDoc<{ _id: string; status: string }>('election_proxies', `px_${electionId}_${right.party}_${ctx.openid}`)
      if (!proxy || proxy.status !== 'APPROVED') throw new AppError('FORBIDDEN', '您没有该房屋经审核的委托书', { unitId: forUnitId })
      const receipt = await cast(ctx, electionId, right, content, 'PROXY', { voterOpenid: ctx.openid, proxyId: proxy._id, enteredBy: null })
      return { receipt, receipts: [{ party: right.party, receipt }] }
    }
    // R2.8: tenants and family members hold no voting right.
    const owned = ownedUnits(ctx, e.communityId)
    if (!owned.length) throw new AppError('FORBIDDEN', '只有已核验的业主可以投票', { communityId: e.communityId })
    const rights = await rightsForUnits(electionId, owned)
    if (!rights.length) throw new AppError('FORBIDDEN', '您的房屋不在本次表决的业主名册中', {})
    // R2.5: one choice for every right the caller holds; each right is counted once, first ballot wins.
    const receipts: { party: string; receipt: string }[] = []
    let already: unknown = null
    for (const right of rights) {
      try {
        receipts.push({ party: right.party, receipt: await cast(ctx, electionId, right, content, 'OWNER', { voterOpenid: ctx.openid, proxyId: null, enteredBy: null }) })
      } catch (err) {
        if (err instanceof AppError && err.code === 'ALREADY_VOTED') already = err
        else throw err
      }
    }
    if (!receipts.length) throw already as AppError
    return { receipt: receipts[0].receipt, receipts }
  },

  async myBallot({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireBelongs(ctx, e.communityId)
    const owned = ownedUnits(ctx, e.communityId)
    const rights = await rightsForUnits(electionId, owned)
    const ballots = rights.length ? await findAll<BallotDoc>('election_ballots', { _id: _.in(rights.map((r) => ballotId(electionId, r.party))) }) : []
    const mineAsAgent = await findAll<{ _id: string; unitId: string; party: string; status: string }>('election_proxies', { electionId, agentOpenid: ctx.openid }, { max: 20 })
    // A proxy whose right is used — by the agent (USED) or first by the owner (SUPERSEDED) — offers no ballot.
    const usedRights = mineAsAgent.length ? await findAll<BallotDoc>('election_ballots', { _id: _.in(mineAsAgent.map((p) => ballotId(electionId, p.party))) }, { max: 20 }) : []
    const proxies = mineAsAgent.map((p) => {
      const b = usedRights.find((x) => x.party === p.party)
      return { ...p, status: !b || p.status === 'REJECTED' ? p.status : b.proxyId === p._id ? 'USED' : 'SUPERSEDED' }
    })
    return {
      eligible: rights.length > 0,
      reason: !owned.length ? '只有已核验的业主可以投票（租户和家庭成员不参加业主表决）' : !rights.length ? '您的房屋不在本次表决的业主名册中' : null,
      rights: rights.map((r) => {
        const b = ballots.find((x) => x.party === r.party)
        // R3.7: the content of a ballot is shown only to the person who cast it.
        const mine = !!b && b.voterOpenid === ctx.openid
        return {
          party: r.party,
          units: r.unitIds,
          areaCentiM2: r.areaCentiM2,
          voted: !!b,
          via: b?.via ?? null,
          choice: mine ? b!.choice : null,
          approve: mine ? b!.approve : null,
          receipt: mine ? b!.receipt : null,
          castAt: b ? toDate(b.castAt) : null,
          byMe: mine,
        }
      }),
      proxies: proxies.map((p) => ({ id: p._id, unitId: p.unitId, status: p.status })),
    }
  },

  async verifyReceipt({ electionId, receipt }, ctx) {
    const e = await loadElection(electionId)
    requireBelongs(ctx, e.communityId)
    const hash = receiptHashOf(electionId, receipt)
    const [b] = await findAll<BallotDoc>('election_ballots', { electionId, receiptHash: hash }, { max: 1 })
    return { found: !!b, receiptHash: hash, choice: b?.choice ?? null, approve: b?.approve ?? null, castAt: b ? toDate(b.castAt) : null, via: b?.via ?? null }
  },

  async turnout({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    const total = e.total ?? { heads: 0, areaCentiM2: 0 }
    return { total, participating: e.participating, quorumMet: !!e.total && quorumMet(e.participating, total), needed: quorumNeeds(total) }
  },

  async enterPaperBallot({ communityId, electionId, unitId, choice, approve, sheetRef }, ctx) {
    const e = await loadElection(electionId)
    requireCommunity(e, communityId)
    if (!votingOpen(e, ctx.now)) throw new AppError('ELECTION_NOT_OPEN', whyNotOpen(e, ctx.now), { status: e.status })
    const content = await checkContent(e, choice, approve)
    const [right] = await rightsForUnits(electionId, [unitId])
    if (!right) throw new AppError('NOT_FOUND', '该房屋不在本次表决名册中', { unitId })
    const same = (a: { choice: unknown; approve: unknown }) => JSON.stringify([a.choice, [...((a.approve as string[]) ?? [])].sort()]) === JSON.stringify([content.choice, [...(content.approve ?? [])].sort()])
    const entryId = `pe_${electionId}_${right.party}`
    type Entry = { by: string; choice: MotionChoice | null; approve: string[] | null; sheetRef: string; at: Date }
    // ★ Two staff members enter each paper ballot; it counts only when a second person's entry agrees.
    const outcome = await withTransaction(async (t) => {
      const el = await txElection(t, electionId)
      const counted = (await t.collection('election_ballots').doc(ballotId(electionId, right.party)).get()).data as BallotDoc | null
      if (counted) throw new AppError('ALREADY_VOTED', '这个表决权已经投过票了，纸质选票不再计入', { via: counted.via })
      const doc = (await t.collection('election_paper_entries').doc(entryId).get()).data as { entries: Entry[] } | null
      const entries = doc?.entries ?? []
      if (entries.some((x) => x.by === ctx.openid)) throw new AppError('FORBIDDEN', '同一张纸质选票须由另一位工作人员再录一次', {})
      const entry: Entry = { by: ctx.openid, ...content, sheetRef, at: ctx.now }
      const match = entries.find((x) => same(x))
      if (!match) {
        const next = [...entries, entry]
        if (doc) await t.collection('election_paper_entries').doc(entryId).update({ data: { entries: next, state: entries.length ? 'MISMATCH' : 'FIRST_ENTRY' } })
        else await t.collection('election_paper_entries').add({ data: { _id: entryId, electionId, communityId, party: right.party, unitId, entries: next, state: 'FIRST_ENTRY' } })
        const head = await appendAudit(t, el, ctx, entries.length ? 'paper.mismatch' : 'paper.first_entry', { party: right.party, sheetRef })
        await t.collection('elections').doc(electionId).update({ data: { audit: head } })
        return { state: entries.length ? ('MISMATCH' as const) : ('FIRST_ENTRY' as const), receipt: null }
      }
      await t.collection('election_paper_entries').doc(entryId).update({ data: { entries: [...entries, entry], state: 'COUNTED' } })
      const receipt = await castInTxn(t, ctx, electionId, right, content, 'PAPER', { voterOpenid: null, proxyId: null, enteredBy: [match.by, ctx.openid] })
      return { state: 'COUNTED' as const, receipt }
    }).catch((err) => {
      if (isDuplicateKey(err)) throw new AppError('ALREADY_VOTED', '这个表决权已经投过票了')
      throw err
    })
    if (outcome.state === 'MISMATCH') throw new AppError('PAPER_MISMATCH', '与前一次录入不一致，请第三人核对原件后再录', { unitId })
    return { state: outcome.state, receipt: outcome.receipt }
  },

  async paperEntries({ communityId, electionId }, ctx) {
    const e = await loadElection(electionId)
    requireCommunity(e, communityId)
    const docs = await readAllPaged<{ _id: string; party: string; unitId: string; state: 'FIRST_ENTRY' | 'MISMATCH' | 'COUNTED'; entries: { by: string; sheetRef: string }[] }>('election_paper_entries', { electionId })
    const label = await unitLabeller(communityId, docs.map((d) => d.unitId))
    const counts = { firstEntry: 0, mismatch: 0, counted: 0 }
    for (const d of docs) counts[d.state === 'FIRST_ENTRY' ? 'firstEntry' : d.state === 'MISMATCH' ? 'mismatch' : 'counted']++
    // Waiting and disagreeing sheets first: they are the work left.
    const order = { MISMATCH: 0, FIRST_ENTRY: 1, COUNTED: 2 }
    docs.sort((a, b) => order[a.state] - order[b.state])
    return {
      entries: docs.map((d) => ({ party: d.party, unitLabel: label(d.unitId), state: d.state, entries: d.entries.length, sheetRefs: [...new Set(d.entries.map((x) => x.sheetRef))], enteredByMe: d.entries.some((x) => x.by === ctx.openid) })),
      counts,
    }
  },

  async registerProxy({ electionId, unitId, authorisationFileIds, ownerName }, ctx) {
    const e = await loadElection(electionId)
    requireBelongs(ctx, e.communityId)
    // R2.6 (Zhoushan): property-company staff may not act as proxies — an access rule, checked first.
    if (await isPropertyStaff(ctx.openid, e.communityId)) throw new AppError('FORBIDDEN', '物业服务企业工作人员不能接受业主委托投票', {})
    if (hasResult(e.status) || e.status === 'TERMINATED') throw new AppError('CONFLICT', '表决已结束', { status: e.status })
    const [right] = await rightsForUnits(electionId, [unitId])
    if (!right) throw new AppError('NOT_FOUND', '该房屋不在本次表决名册中', { unitId })
    if ((await rightsForUnits(electionId, ownedUnits(ctx, e.communityId))).some((r) => r.party === right.party)) throw new AppError('VALIDATION_FAILED', '您本人就是该房屋的业主，直接投票即可', { fields: { unitId: ['本人房屋'] } })
    // The photos must be the caller's own uploads: refused before anything is written.
    await assertOwnUploads(ctx, authorisationFileIds, 'authorisationFileIds')
    const id = `px_${electionId}_${right.party}_${ctx.openid}`
    await changeElection(ctx, electionId, async (_e, t) => {
      const existing = (await t.collection('election_proxies').doc(id).get()).data
      if (existing) throw new AppError('CONFLICT', '已提交过该房屋的委托', { proxyId: id })
      await t.collection('election_proxies').add({ data: { _id: id, electionId, communityId: e.communityId, party: right.party, unitId, agentOpenid: ctx.openid, openid: ctx.openid, agentName: ctx.user?.realName ?? ctx.user?.nickname ?? null, ownerName, authorisationFileIds, status: 'PENDING', createdAt: ctx.now, reviewedBy: null } })
      return { patch: {}, event: 'proxy.registered', details: { proxyId: id, party: right.party } }
    })
    // R5.8: an uploaded image goes through mediaCheckAsync (scene 1, 资料); staff see it while held.
    await requestMediaChecks(ctx, { fileIds: authorisationFileIds, scene: 1 })
    return { proxyId: id, status: 'PENDING' as const }
  },

  async approveProxy({ communityId, proxyId, approve, note }, ctx) {
    const p = await getDoc<{ _id: string; electionId: string; communityId: string; agentOpenid: string; status: string; party: string }>('election_proxies', proxyId)
    if (!p || p.communityId !== communityId) throw new AppError('NOT_FOUND', '没有找到该委托', { proxyId })
    if (approve && (await isPropertyStaff(p.agentOpenid, communityId))) throw new AppError('FORBIDDEN', '物业服务企业工作人员不能接受业主委托投票', {})
    const counterId = `pxc_${p.electionId}_${p.agentOpenid}`
    const cap = electionSettingsOf(await getDoc<CommunityDoc>('communities', communityId)).proxyCapPerAgent
    await changeElection(ctx, p.electionId, async (_e, t) => {
      const cur = (await t.collection('election_proxies').doc(proxyId).get()).data as { status: string }
      if (cur.status !== 'PENDING') throw new AppError('CONFLICT', '该委托已处理', { status: cur.status })
      if (approve) {
        // The cap is a counter read and written in the same transaction, so parallel approvals cannot exceed it.
        const c = (await t.collection('election_proxies').doc(counterId).get()).data as { approved: number } | null
        if ((c?.approved ?? 0) >= cap) throw new AppError('CONFLICT', `每位代理人最多代理${cap}户`, { cap })
        if (c) await t.collection('election_proxies').doc(counterId).update({ data: { approved: c.approved + 1 } })
        else await t.collection('election_proxies').add({ data: { _id: counterId, electionId: p.electionId, communityId, kind: 'COUNTER', approved: 1 } })
      }
      await t.collection('election_proxies').doc(proxyId).update({ data: { status: approve ? 'APPROVED' : 'REJECTED', reviewedBy: ctx.openid, reviewNote: note ?? null, reviewedAt: ctx.now } })
      return { patch: {}, event: approve ? 'proxy.approved' : 'proxy.rejected', details: { proxyId, party: p.party } }
    })
    return { proxyId, status: approve ? ('APPROVED' as const) : ('REJECTED' as const) }
  },

  async proxies({ communityId, electionId }, ctx) {
    const e = await loadElection(electionId)
    requireCommunity(e, communityId)
    const docs = (await findAll<{ _id: string; unitId: string; party: string; ownerName: string; agentName: string | null; status: string; authorisationFileIds?: string[]; kind?: string }>('election_proxies', { electionId }, { max: 2000 })).filter((d) => d.kind !== 'COUNTER')
    const label = await unitLabeller(communityId, docs.map((d) => d.unitId))
    // The owner's own vote overrides an unused proxy (issue #12): the right is used, the proxy is moot.
    const used = docs.length ? await findAll<BallotDoc>('election_ballots', { _id: _.in([...new Set(docs.map((d) => ballotId(electionId, d.party)))]) }, { max: 2000 }) : []
    const usedBy = new Map(used.map((b) => [b.party, b]))
    const proxies = []
    for (const d of docs) {
      const b = usedBy.get(d.party)
      const status = b && b.proxyId !== d._id && d.status !== 'REJECTED' ? 'SUPERSEDED' : b && b.proxyId === d._id ? 'USED' : d.status
      // Staff review the authorisation, so they see photos still held by the check (never risky ones).
      const photos = await visibleImages(ctx, d.authorisationFileIds ?? [], { maySeeHeld: true })
      proxies.push({ id: d._id, unitLabel: label(d.unitId), ownerName: maskName(d.ownerName), agent: d.agentName ? maskName(d.agentName) : '代理人', status, authorisation: photos.shown, authorisationHeld: photos.held })
    }
    return { proxies }
  },

  async tally({ communityId, electionId }, ctx) {
    const e = await loadElection(electionId)
    requireCommunity(e, communityId)
    const { fileText: _f, ...r } = await count(e, ctx.now)
    // + the election document itself: every database request of this action.
    return { ...r, reads: r.reads + 1 } as never
  },

  async results({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    // R5.14: while the paged count runs, the answer is its progress (计票中 n %).
    const counting = e.tally?.state === 'RUNNING' ? { done: e.tally.done, of: e.tally.of, percent: percentOf(e.tally) } : null
    if (!e.results) return { published: false, results: null, counting }
    const { chunks: _c, ...r } = e.results
    return { published: true, results: { ...r, countedAt: toDate(e.results.countedAt) } as never, counting: null }
  },

  async ballotFile({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    if (!e.results) throw new AppError('CONFLICT', e.tally?.state === 'RUNNING' ? '正在计票，完成后可以下载选票文件' : '结果公布后才能下载选票文件', { status: e.status })
    // The file the paged count stored; an older result (counted in one go) is regenerated from the
    // stored ballots. Either way its hash must equal the one published with the result.
    const fileText = (await storedBallotFile(e)) ?? (await count(e, ctx.now)).fileText
    return { text: fileText, sha256: sha256Hex(fileText) }
  },

  async auditVerify({ electionId }, ctx) {
    const e = await loadElection(electionId)
    requireOwnerOrStaff(ctx, e.communityId)
    const entries = await readAllPaged<ChainEntry & { _id: string }>('election_audit', { electionId })
    entries.sort((a, b) => a.seq - b.seq)
    const r = verifyChain(entries, sha256Hex)
    // The head stored on the election must be the chain's end, or entries were cut off the tail.
    const last = entries[entries.length - 1]
    if (r.ok && (!last || last.hash !== e.audit.hash || last.seq !== e.audit.seq)) return { ok: false, entries: entries.length, brokenAt: entries.length, reason: 'HEAD_MISMATCH', head: e.audit.hash }
    return { ...r, head: e.audit.hash }
  },
}, {
  /** R5.14: counts too large for one request finish here, page by page, writing progress. */
  async 'count-results'({ now }) {
    return countRunning(now, TIMER_COUNT_MS)
  },
})

export type { HouseholdMemberDoc }
