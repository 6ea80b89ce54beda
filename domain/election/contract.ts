/**
 * election: owners' decisions (表决事项) and owners' committee elections under Civil Code Art. 278
 * (issue #12; rules R1.x, R2.x, R3.x). Ballots are named and stored, never shown to anyone but the
 * voter (R3.7); the published results carry totals and an anonymised, recountable ballot file.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { STATUSES, TRANSITIONS } from './lifecycle'
import { imageFileIds } from '../media/contract'

const electionId = z.string().min(1).max(80)
const totals = z.object({ heads: z.number().int(), areaCentiM2: z.number().int() })
const choice = z.enum(['YES', 'NO', 'ABSTAIN'])
const candidateIds = z.array(z.string().min(1).max(80)).max(11)

/** Issue #12 × groups: the neighbourhood-group post or council agenda item a proposal came from. */
const origin = z.object({ kind: z.enum(['post', 'agenda']), id: z.string().trim().min(1).max(120) }).strict()
const officers = z.object({ chair: z.string().min(1).max(80), viceChairs: z.array(z.string().min(1).max(80)).max(3) }).strict()

const summary = z.object({
  id: z.string(),
  communityId: z.string(),
  kind: z.enum(['MOTION', 'ELECTION']),
  matter: z.number(),
  matterLabel: z.string(),
  threshold: z.enum(['ORDINARY', 'SPECIAL']),
  title: z.string(),
  description: z.string(),
  seats: z.number().nullable(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  votingOpensAt: wireDate,
  votingClosesAt: wireDate,
  originalClosesAt: wireDate,
  docsPublicizedAt: wireDate.nullable(),
  prelimAt: wireDate.nullable(),
  extensions: z.array(z.object({ from: wireDate, to: wireDate, publicizedAt: wireDate })),
  lockUntil: wireDate.nullable(),
  total: totals.nullable(),
  participating: totals,
  /** The rule in plain words (R1.2): what is needed to pass, in heads and area. */
  rule: z.object({ legalBasis: z.string(), quorum: z.string(), approval: z.string() }),
  votingOpen: z.boolean(),
  origin: origin.nullable(),
  /** R3.1 steps 7–9 (committee elections): when done and by when each is due. */
  finalAt: wireDate.nullable(),
  officers: officers.nullable(),
  officersAt: wireDate.nullable(),
  listAt: wireDate.nullable(),
  filedAt: wireDate.nullable(),
  filingRef: z.string().nullable(),
  due: z.object({ officersBy: wireDate.nullable(), listBy: wireDate.nullable(), filingBy: wireDate.nullable() }),
})
export type ElectionSummary = z.output<typeof summary>

const rightView = z.object({
  party: z.string(),
  units: z.array(z.string()),
  areaCentiM2: z.number(),
  voted: z.boolean(),
  via: z.enum(['OWNER', 'PROXY', 'PAPER']).nullable(),
  /** Only for the voter's own rights. */
  choice: choice.nullable(),
  approve: z.array(z.string()).nullable(),
  receipt: z.string().nullable(),
  castAt: wireDate.nullable(),
  byMe: z.boolean(),
})

const motionResult = z.object({ total: totals, participating: totals, yes: totals, no: totals, abstain: totals, quorumMet: z.boolean(), passed: z.boolean(), invalidBallots: z.number() })
const electionResult = z.object({
  total: totals,
  participating: totals,
  quorumMet: z.boolean(),
  candidates: z.array(z.object({ id: z.string(), yes: totals, qualified: z.boolean() })),
  elected: z.array(z.string()),
  alternates: z.array(z.string()),
  tiesAtCutoff: z.array(z.string()),
  invalidBallots: z.number(),
})
const results = z.object({ legalBasis: z.string(), motion: motionResult.nullable(), election: electionResult.nullable(), ballotFileSha256: z.string(), countedAt: wireDate })
/** R5.14: a large count runs as a paged job; until it is done the result answers its progress. */
const progress = z.object({ done: z.number().int(), of: z.number().int(), percent: z.number().int() })
const candidateStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED'])

const prepMember = z.object({ name: z.string().min(1).max(40), kind: z.enum(['OWNER', 'DEVELOPER', 'SUBDISTRICT', 'RESIDENTS_COMMITTEE']) })

export const electionContract = defineFunction('election', {
  create: defineAction({
    summary:
      'Create an owners\' decision item (MOTION, any Art. 278 matter; threshold from the matter, R1.1) or a committee election (ELECTION, matter 3, seats odd 3–11, R3.3). Voting opens ≥ 15 days after now (R1.8) and lasts 1–60 days. Refused with ELECTION_LOCKED within a year of a terminated vote on the same item.',
    input: z
      .object({
        communityId: ids.community,
        kind: z.enum(['MOTION', 'ELECTION']),
        matter: z.number().int().min(1).max(9),
        title: z.string().trim().min(2).max(60),
        description: z.string().trim().min(1).max(2000),
        seats: z.number().int().min(3).max(11).refine((n) => n % 2 === 1, '委员人数须为单数').optional(),
        votingOpensAt: z.coerce.date(),
        votingClosesAt: z.coerce.date(),
        prepGroup: z.object({ members: z.array(prepMember).min(3).max(21), leader: z.number().int().min(0) }).optional(),
        origin: origin.optional(),
      })
      .strict()
      .superRefine((v, c) => {
        if (v.kind === 'ELECTION' && v.matter !== 3) c.addIssue({ code: 'custom', path: ['matter'], message: '选举业委会属于第278条第3项' })
        if (v.kind === 'ELECTION' && !v.seats) c.addIssue({ code: 'custom', path: ['seats'], message: '请填写委员人数' })
        if (v.kind === 'MOTION' && v.seats) c.addIssue({ code: 'custom', path: ['seats'], message: '表决事项没有席位' })
      }),
    output: z.object({ election: summary }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Votes of a community, newest first — for everyone who belongs to it (residents see that a vote exists; only owners get a ballot).',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ elections: z.array(summary) }),
    access: 'member',
  }),
  get: defineAction({
    summary: 'One vote with its rule in plain words, live turnout and whether the caller may vote.',
    input: z.object({ electionId }).strict(),
    output: z.object({
      election: summary,
      canVote: z.boolean(),
      canManage: z.boolean(),
      canPaper: z.boolean(),
      whyNot: z.string().nullable(),
      candidates: z.array(z.object({ id: z.string(), name: z.string(), unitLabel: z.string(), statement: z.string() })),
      /** R3.4: what a candidate must declare, from the community's settings. */
      candidateConditions: z.array(z.object({ key: z.string(), label: z.string() })),
      /** Whether the caller may still stand (verified owner, nominations open, not yet nominated). */
      canNominate: z.boolean(),
    }),
    access: 'member',
  }),
  transition: defineAction({
    summary: 'Move a vote along its lifecycle (R3.1); dates enforced by the server clock; EXTEND (quorum short, ≤ 3 months in all, publicised, ballots carry over); TERMINATED locks the item for a year. Audited in the hash chain.',
    input: z
      .object({
        communityId: ids.community,
        electionId,
        to: z.enum(TRANSITIONS),
        votingClosesAt: z.coerce.date().optional(),
        note: z.string().max(200).optional(),
        officers: officers.optional(),
        filingRef: z.string().trim().min(2).max(80).optional(),
      })
      .strict()
      .superRefine((v, c) => {
        if (v.to === 'EXTEND' && !v.votingClosesAt) c.addIssue({ code: 'custom', path: ['votingClosesAt'], message: '请填写延期后的截止时间' })
        if (v.to === 'OFFICERS_CHOSEN' && !v.officers) c.addIssue({ code: 'custom', path: ['officers'], message: '请选择主任（和副主任）' })
        if (v.to === 'FILED' && !v.filingRef) c.addIssue({ code: 'custom', path: ['filingRef'], message: '请填写备案回执编号' })
      }),
    output: z.object({ election: summary }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  roster: defineAction({
    summary:
      'The roster snapshot of a vote (R2.1–R2.3), taken when the roster is publicised and frozen from voting on: units with area and whether counted, totals. Owners of the community and staff read it; staff may retake it (refresh) before voting opens, after objections corrected the register.',
    input: z.object({ electionId, refresh: z.boolean().default(false) }).strict(),
    output: z.object({
      frozen: z.boolean(),
      takenAt: wireDate.nullable(),
      excludeParkingFromArea: z.boolean(),
      total: totals,
      units: z.array(z.object({ unitId: z.string(), label: z.string(), areaCentiM2: z.number(), counted: z.boolean() })),
      objections: z.array(z.object({ id: z.string(), unitLabel: z.string().nullable(), text: z.string(), answer: z.string().nullable(), mine: z.boolean(), at: wireDate })),
    }),
    access: 'member',
    purpose: 'owner_roster',
  }),
  object: defineAction({
    summary: 'An owner\'s objection to the published roster (R2.2) during roster publicity, answered by staff (answerObjection).',
    input: z.object({ electionId, unitId: ids.unit.optional(), text: z.string().trim().min(2).max(500) }).strict(),
    output: z.object({ objectionId: z.string() }),
    access: 'member',
    idempotent: true,
  }),
  answerObjection: defineAction({
    summary: 'Staff answer an objection; a correction is made in the register and the roster retaken before voting opens.',
    input: z.object({ communityId: ids.community, objectionId: z.string().min(1).max(120), answer: z.string().trim().min(2).max(500) }).strict(),
    output: z.object({ objectionId: z.string() }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  nominate: defineAction({
    summary:
      'Stand as a candidate (R3.4): a verified owner of the community, not property-company staff, with the written pledge; nominated by themselves, jointly by owners, or by the residents\' committee. Separate consent to publish name, unit and statement (candidate_disclosure, PIPL Art. 25); the statement passes msgSecCheck.',
    input: z
      .object({
        electionId,
        unitId: ids.unit,
        nominatedBy: z.enum(['SELF', 'JOINT', 'RESIDENTS_COMMITTEE']),
        nominators: z.string().trim().max(200).optional(),
        statement: z.string().trim().min(10).max(500),
        pledge: z.literal(true),
        /** R3.4: the community's candidate conditions the candidate declares (keys of CANDIDATE_CONDITIONS). */
        declarations: z.array(z.string().min(1).max(40)).max(20).default([]),
      })
      .strict()
      .superRefine((v, c) => {
        if (v.nominatedBy !== 'SELF' && !v.nominators) c.addIssue({ code: 'custom', path: ['nominators'], message: v.nominatedBy === 'JOINT' ? '请填写联名推荐的业主' : '请填写居委会推荐文号或经办人' })
      }),
    output: z.object({ candidateId: z.string() }),
    access: 'member',
    purpose: 'candidate_disclosure',
    idempotent: true,
  }),
  candidates: defineAction({
    summary: 'The publicised candidates: name, unit and statement as each consented to disclose.',
    input: z.object({ electionId }).strict(),
    output: z.object({ candidates: z.array(z.object({ id: z.string(), name: z.string(), unitLabel: z.string(), statement: z.string(), nominatedBy: z.string(), nominators: z.string().nullable(), status: candidateStatus, declarations: z.array(z.string()), reviewNote: z.string().nullable() })) }),
    access: 'member',
  }),
  reviewCandidate: defineAction({
    summary: 'The preparatory group checks a nomination against the community\'s conditions and approves or rejects it (R3.4) before the list is publicised; audited.',
    input: z
      .object({ communityId: ids.community, candidateId: z.string().min(1).max(80), approve: z.boolean(), note: z.string().trim().max(200).optional() })
      .strict()
      .superRefine((v, c) => {
        if (!v.approve && !v.note) c.addIssue({ code: 'custom', path: ['note'], message: '请写明不符合的条件' })
      }),
    output: z.object({ candidateId: z.string(), status: candidateStatus }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  castBallot: defineAction({
    summary:
      'Cast the ballot of a voting right (R2.4, R3.11): verified owners (and co-owners) only, tenants and family never (R2.8); forUnitId to vote as an approved proxy. One ballot per right, whoever casts it first — owner, co-owner, proxy or paper; a later one answers ALREADY_VOTED. Returns the 投票码.',
    input: z
      .object({ electionId, choice: choice.optional(), approve: candidateIds.optional(), forUnitId: ids.unit.optional() })
      .strict()
      .refine((v) => (v.choice === undefined) !== (v.approve === undefined), { message: '请选择同意、反对或弃权，或勾选候选人', path: ['choice'] }),
    output: z.object({ receipt: z.string(), receipts: z.array(z.object({ party: z.string(), receipt: z.string() })) }),
    access: 'member',
    purpose: 'owner_voting',
    idempotent: true,
  }),
  myBallot: defineAction({
    summary: 'The caller\'s voting rights in this vote and, for each, whether it has been used and — to the voter only — what was recorded.',
    input: z.object({ electionId }).strict(),
    output: z.object({ eligible: z.boolean(), reason: z.string().nullable(), rights: z.array(rightView), proxies: z.array(z.object({ id: z.string(), unitId: z.string(), status: z.string() })) }),
    access: 'member',
  }),
  verifyReceipt: defineAction({
    summary: '验证我的投票: what was recorded for a 投票码, and that its hash is in the published ballot file.',
    input: z.object({ electionId, receipt: z.string().trim().min(4).max(40) }).strict(),
    output: z.object({ found: z.boolean(), receiptHash: z.string(), choice: choice.nullable(), approve: z.array(z.string()).nullable(), castAt: wireDate.nullable(), via: z.string().nullable() }),
    access: 'member',
  }),
  turnout: defineAction({
    summary: 'Live turnout by heads and area against the roster snapshot, and what the ⅔ quorum needs — for every owner of the community and staff.',
    input: z.object({ electionId }).strict(),
    output: z.object({ total: totals, participating: totals, quorumMet: z.boolean(), needed: totals }),
    access: 'member',
  }),
  enterPaperBallot: defineAction({
    summary:
      'A paper ballot (★ R3.11): entered twice by two different staff members; the second entry that agrees counts it (first valid ballot wins, else ALREADY_VOTED); a disagreeing one answers PAPER_MISMATCH and nothing counts until a third entry agrees with one of them.',
    input: z
      .object({ communityId: ids.community, electionId, unitId: ids.unit, choice: choice.optional(), approve: candidateIds.optional(), sheetRef: z.string().trim().min(1).max(80) })
      .strict()
      .refine((v) => (v.choice === undefined) !== (v.approve === undefined), { message: '请录入选票内容', path: ['choice'] }),
    output: z.object({ state: z.enum(['FIRST_ENTRY', 'COUNTED']), receipt: z.string().nullable() }),
    access: { capability: 'election.paper', community: (i) => i.communityId },
    purpose: 'owner_voting',
    idempotent: true,
  }),
  paperEntries: defineAction({
    summary: 'The reconciliation view of paper ballots (★): per voting right, how many entries, whether they agree, counted or not — never the entered choices, so a third checker is not led.',
    input: z.object({ communityId: ids.community, electionId }).strict(),
    output: z.object({
      entries: z.array(z.object({ party: z.string(), unitLabel: z.string(), state: z.enum(['FIRST_ENTRY', 'MISMATCH', 'COUNTED']), entries: z.number(), sheetRefs: z.array(z.string()), enteredByMe: z.boolean() })),
      counts: z.object({ firstEntry: z.number(), mismatch: z.number(), counted: z.number() }),
    }),
    access: { capability: 'election.paper', community: (i) => i.communityId },
  }),
  registerProxy: defineAction({
    summary: 'An agent registers a written proxy (R2.6) for an owner\'s unit with photos of the signed authorisation (the caller\'s own uploads, checked by mediaCheckAsync); staff approve it. Property-company staff cannot be agents.',
    input: z.object({ electionId, unitId: ids.unit, authorisationFileIds: imageFileIds.min(1).max(3), ownerName: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({ proxyId: z.string(), status: z.enum(['PENDING']) }),
    access: 'member',
    purpose: 'owner_voting',
    idempotent: true,
  }),
  approveProxy: defineAction({
    summary: 'Staff approve or reject a proxy after checking the written authorisation; at most 3 approved proxies per agent (Weifang, R2.6).',
    input: z.object({ communityId: ids.community, proxyId: z.string().min(1).max(160), approve: z.boolean(), note: z.string().max(200).optional() }).strict(),
    output: z.object({ proxyId: z.string(), status: z.enum(['APPROVED', 'REJECTED']) }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  proxies: defineAction({
    summary: 'Proxies of a vote for staff review (agent masked, the authorisation photos: staff see held ones too, never risky ones).',
    input: z.object({ communityId: ids.community, electionId }).strict(),
    output: z.object({ proxies: z.array(z.object({ id: z.string(), unitLabel: z.string(), ownerName: z.string(), agent: z.string(), status: z.string(), authorisation: z.array(z.string()), authorisationHeld: z.number() })) }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
  }),
  tally: defineAction({
    summary: 'Staff: count now from the roster snapshot and the ballots (reads paged at 1,000), without publishing.',
    input: z.object({ communityId: ids.community, electionId }).strict(),
    output: results.extend({ reads: z.number() }),
    access: { capability: 'election.manage', community: (i) => i.communityId },
  }),
  results: defineAction({
    summary: 'The published result (from the preliminary result on): totals (heads and area: participating, yes, no, abstain), per-candidate totals, legal basis, the ballot file\'s SHA-256.',
    input: z.object({ electionId }).strict(),
    output: z.object({ published: z.boolean(), results: results.nullable(), counting: progress.nullable() }),
    access: 'member',
  }),
  ballotFile: defineAction({
    summary: 'The anonymised ballot file (receipt hash, area, choices; no names), recountable with domain/election/tally.ts, and its SHA-256.',
    input: z.object({ electionId }).strict(),
    output: z.object({ text: z.string(), sha256: z.string() }),
    access: 'member',
  }),
  auditVerify: defineAction({
    summary: 'Recompute the election\'s hash-chained audit log and report the first broken entry, if any.',
    input: z.object({ electionId }).strict(),
    output: z.object({ ok: z.boolean(), entries: z.number(), brokenAt: z.number().nullable(), reason: z.string().nullable(), head: z.string() }),
    access: 'member',
  }),
})
