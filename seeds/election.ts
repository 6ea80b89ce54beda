/**
 * Election seeds for 学堂坡社区 (issue #12 item 9): an owners' decision (续聘物业, ORDINARY) in its
 * voting window with some ballots cast, a committee election in candidate publicity, and a finished
 * decision (使用维修资金) with its published result and ballot file. Built with the same pure
 * functions the election function uses (roster snapshot, tally, ballot file, hash chain), so the
 * seeded data verifies like live data.
 *
 * Dates are relative to the day the seed is loaded (a vote "in its window" must stay in it), so
 * these are the one part of the seed that depends on the clock — rounded to the day.
 */
import { createHash } from 'node:crypto'
import type { UnitDoc, HouseholdMemberDoc } from '../domain/community/model'
import { snapshotRoster, rightsOf } from '../domain/election/roster'
import { tallyMotion, type MotionChoice } from '../domain/election/tally'
import { writeBallotFile } from '../domain/election/ballot-file'
import { entryHash, GENESIS, type ChainContent } from '../domain/election/audit-chain'
import { itemKeyOf, thresholdOf, type ElectionStatus } from '../domain/election/lifecycle'
import { consentId } from '../domain/privacy/consent-model'
import { POLICY_VERSION } from '../domain/privacy/purposes'

type Doc = Record<string, unknown> & { _id: string }
const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const DAY = 24 * 3600 * 1000
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Deterministic demo 投票码 (production draws 80 random bits). */
function demoReceipt(key: string): string {
  const h = createHash('sha256').update(`linli-demo-receipt:${key}`).digest()
  let s = ''
  for (let i = 0; i < 16; i++) s += ALPHABET[h[i] % 32]
  return s.match(/.{4}/g)!.join('-')
}
/** The same pseudonym the function writes into the chain (cloudfunctions/_core/id-hash.ts, demo salt). */
const pseudonym = (openid: string) => `anon_${sha(`linli-demo-salt:pseudonym:${openid}`).slice(0, 24)}`

export const SEED_ELECTIONS = { renewal: 'el_xtp_renewal', committee: 'el_xtp_committee', funds: 'el_xtp_elevator_funds', rules: 'el_xtp_rules', closed: 'el_xtp_cctv' } as const

export function buildElectionSeeds(input: { communityId: string; units: UnitDoc[]; members: HouseholdMemberDoc[]; excludeParkingFromArea: boolean; now?: Date }) {
  const C = input.communityId
  const day = Math.floor((input.now ?? new Date()).getTime() / DAY) * DAY
  const at = (days: number) => new Date(day + days * DAY)
  const roster = snapshotRoster(input.units, { excludeParkingFromArea: input.excludeParkingFromArea })
  const rights = rightsOf(roster)
  let totalArea = 0
  for (const r of rights.values()) totalArea += r.areaCentiM2
  const total = { heads: rights.size, areaCentiM2: totalArea }
  // Who can vote for a party: its approved owner accounts (seeded owners o_seed_… and the demo personas).
  const voterOf = new Map<string, string>()
  const partyOfUnit = new Map(roster.map((u) => [u.unitId, u.party]))
  for (const m of input.members) {
    if (m.status !== 'APPROVED' || (m.relation !== 'OWNER' && m.relation !== 'CO_OWNER')) continue
    const p = partyOfUnit.get(m.unitId)
    if (p && !voterOf.has(p)) voterOf.set(p, m.openid)
  }
  const parties = [...rights.keys()].sort()
  const docs: Record<string, Doc[]> = { elections: [], election_rights: [], election_ballots: [], election_audit: [], election_candidates: [], consents: [] }

  function election(id: string, o: { kind: 'MOTION' | 'ELECTION'; matter: number; title: string; description: string; seats: number | null; status: ElectionStatus; opens: number; closes: number; docs: number; prelim?: number; final?: number }) {
    const e: Doc & { audit: { seq: number; hash: string } } = {
      _id: id,
      communityId: C,
      kind: o.kind,
      matter: o.matter,
      threshold: thresholdOf(o.matter),
      title: o.title,
      description: o.description,
      seats: o.seats,
      status: o.status,
      itemKey: itemKeyOf(C, o.matter, o.title),
      votingOpensAt: at(o.opens),
      votingClosesAt: at(o.closes),
      originalClosesAt: at(o.closes),
      docsPublicizedAt: at(o.docs),
      prelimAt: o.prelim === undefined ? null : at(o.prelim),
      finalAt: o.final === undefined ? null : at(o.final),
      terminatedAt: null,
      lockUntil: null,
      extensions: [],
      total,
      participating: { heads: 0, areaCentiM2: 0 },
      roster: { takenAt: at(o.docs - 3), excludeParkingFromArea: input.excludeParkingFromArea },
      results: null,
      prepGroup: null,
      audit: { seq: 0, hash: GENESIS },
      createdBy: 'o_demo_committee',
      createdAt: at(o.docs - 5),
    }
    const log = (when: Date, actor: string, event: string, details: Record<string, unknown>) => {
      const content: ChainContent = { electionId: id, seq: e.audit.seq + 1, at: when.toISOString(), actor: pseudonym(actor), event, details }
      const hash = entryHash(content, e.audit.hash, sha)
      docs.election_audit.push({ _id: `ea_${id}_${String(content.seq).padStart(8, '0')}`, ...content, prevHash: e.audit.hash, hash })
      e.audit = { seq: content.seq, hash }
    }
    log(at(o.docs - 5), 'o_demo_committee', 'election.created', { kind: o.kind, matter: o.matter, title: o.title })
    log(at(o.docs - 3), 'o_demo_committee', 'election.roster_publicized', { total })
    log(at(o.docs), 'o_demo_committee', 'election.docs_publicized', {})
    for (const [party, r] of rights) docs.election_rights.push({ _id: `er_${id}_${party}`, electionId: id, communityId: C, party, areaCentiM2: r.areaCentiM2, unitIds: r.unitIds })
    docs.elections.push(e)
    return { e, log }
  }

  function castAll(e: Doc & { participating: { heads: number; areaCentiM2: number } }, log: (w: Date, a: string, ev: string, d: Record<string, unknown>) => void, when: number, votes: { party: string; choice?: MotionChoice; approve?: string[] }[]) {
    const out: { party: string; choice: MotionChoice | null; approve: string[] | null; receiptHash: string; areaCentiM2: number }[] = []
    votes.forEach((v, i) => {
      const r = rights.get(v.party)!
      const voter = voterOf.get(v.party) ?? null
      const receipt = demoReceipt(`${e._id}:${v.party}`)
      const receiptHash = sha(`${e._id}:${receipt}`)
      const via = voter ? 'OWNER' : 'PAPER'
      const castAt = new Date(day + when * DAY + i * 60_000)
      docs.election_ballots.push({
        _id: `bl_${e._id}_${v.party}`, electionId: e._id, communityId: C, party: v.party, areaCentiM2: r.areaCentiM2,
        choice: v.choice ?? null, approve: v.approve ?? null, via, voterOpenid: voter, proxyId: null,
        enteredBy: voter ? null : ['o_demo_rc_staff', 'o_demo_committee'], receipt, receiptHash, castAt,
      })
      log(castAt, voter ?? 'o_demo_committee', 'ballot.cast', { party: v.party, via, proxyId: null, receiptHash })
      e.participating = { heads: e.participating.heads + 1, areaCentiM2: e.participating.areaCentiM2 + r.areaCentiM2 }
      out.push({ party: v.party, choice: v.choice ?? null, approve: v.approve ?? null, receiptHash, areaCentiM2: r.areaCentiM2 })
    })
    return out
  }

  // The demo personas keep their vote for the demo (the owner, the elder, the co-owners, the committee member).
  const personaParties = new Set(input.members.filter((m) => m.openid.startsWith('o_demo_')).map((m) => partyOfUnit.get(m.unitId)).filter(Boolean) as string[])
  const others = parties.filter((p) => !personaParties.has(p))

  // 1. 续聘物业 (item 4, ORDINARY) in its voting window: 41 ballots so far.
  {
    const { e, log } = election(SEED_ELECTIONS.renewal, { kind: 'MOTION', matter: 4, title: '续聘学堂坡物业服务企业', description: '现物业服务合同年底到期。是否续聘长沙安居物业服务有限公司，服务期三年，物业费标准不变（每月每平方米1.20元）。', seats: null, status: 'VOTING_OPEN', opens: -3, closes: 12, docs: -19 })
    log(at(-3), 'o_demo_committee', 'election.voting_open', {})
    castAll(e as never, log, -3, others.slice(0, 41).map((party, i) => ({ party, choice: (i % 6 === 5 ? 'NO' : i % 9 === 4 ? 'ABSTAIN' : 'YES') as MotionChoice })))
  }

  // 2. Committee election (item 3), candidates publicised, voting opens in 9 days.
  {
    election(SEED_ELECTIONS.committee, { kind: 'ELECTION', matter: 3, title: '选举第一届业主委员会', description: '选举业主委员会委员5名，任期五年。候选人资料公示15日后开始投票，每张选票最多选5人。', seats: 5, status: 'DOCS_PUBLICIZED', opens: 9, closes: 23, docs: -6 })
    const standing = [
      { openid: 'o_demo_committee', statement: '在小区住了二十年，做过三年楼栋长。愿意把维修资金的每一笔账都按月公开。' },
      ...input.members.filter((m) => m.openid.startsWith('o_seed_') && m.relation === 'OWNER').slice(0, 6).map((m, i) => ({ openid: m.openid, statement: ['退休会计，熟悉财务，愿意义务核对物业收支。', '年轻上班族，会用电脑，负责线上公示和意见收集。', '退休教师，关心老人出行，推动加装电梯。', '做过工程监理，能盯维修质量。', '关注车位和消防通道的秩序问题。', '希望给孩子们修好小区的活动场地。'][i] })),
    ]
    standing.forEach((c, i) => {
      // Each candidate gave the separate consent to disclosure (PIPL Art. 25) when they stood.
      const when = at(-10 + i * 0.1)
      docs.consents.push({ _id: consentId(c.openid, 'candidate_disclosure'), openid: c.openid, purposeId: 'candidate_disclosure', state: 'GRANTED', policyVersion: POLICY_VERSION, channel: 'seed', updatedAt: when, grantedAt: when, refusedAt: null, withdrawnAt: null })
      const m = input.members.find((x) => x.openid === c.openid && (x.relation === 'OWNER' || x.relation === 'CO_OWNER'))!
      const u = input.units.find((x) => x._id === m.unitId)!
      docs.election_candidates.push({
        _id: `cand_${sha(`${SEED_ELECTIONS.committee}:${c.openid}`).slice(0, 12)}`, electionId: SEED_ELECTIONS.committee, communityId: C, openid: c.openid,
        name: m.realName ?? '业主', unitId: u._id, unitLabel: `${Number(u.buildingId.slice(-2))}栋${u.number}`, statement: c.statement,
        nominatedBy: i === 0 ? 'RESIDENTS_COMMITTEE' : i % 2 ? 'SELF' : 'JOINT', nominators: i === 0 ? '学堂坡社区居委会推荐' : i % 2 ? null : '业主联名推荐（12户）', status: 'APPROVED', declarations: ['FULL_CAPACITY', 'NO_PROPERTY_TIES', 'NO_FEE_ARREARS', 'NOT_DISHONEST_DEBTOR'], reviewNote: null, pledgeAt: at(-10 + i * 0.1), createdAt: at(-10 + i * 0.1), withdrawnAt: null,
      })
    })
  }

  // 3. Finished: 使用维修资金 (item 5, ORDINARY) for the lift of building 3 — result final and published.
  {
    const { e, log } = election(SEED_ELECTIONS.funds, { kind: 'MOTION', matter: 5, title: '使用维修资金维修3栋电梯', description: '3栋电梯主机老化，拟使用专项维修资金18.6万元更换主机和控制柜。', seats: null, status: 'RESULT_FINAL', opens: -80, closes: -60, docs: -96, prelim: -59, final: -44 })
    log(at(-80), 'o_demo_committee', 'election.voting_open', {})
    const need = Math.ceil((2 * total.heads) / 3) + 6
    const lines = castAll(e as never, log, -80, parties.slice(0, need).map((party, i) => ({ party, choice: (i % 5 === 4 ? 'NO' : i % 11 === 3 ? 'ABSTAIN' : 'YES') as MotionChoice })))
    const motion = tallyMotion({ threshold: 'ORDINARY', roster, ballots: lines.map((l) => ({ party: l.party, choice: l.choice! })) })
    const file = writeBallotFile({ electionId: e._id, kind: 'MOTION', threshold: 'ORDINARY', seats: null, candidates: [], total }, lines.map((l) => ({ receiptHash: l.receiptHash, areaCentiM2: l.areaCentiM2, choice: l.choice, approve: null })))
    e.results = { legalBasis: '民法典第278条第5项', motion, election: null, ballotFileSha256: sha(file), countedAt: at(-59) }
    log(at(-59), 'o_demo_committee', 'election.prelim_result', { ballotFileSha256: sha(file), passed: motion.passed })
    log(at(-44), 'o_demo_committee', 'election.result_final', {})
  }
  // 4. For the organisers' demo: 修改管理规约 (item 2), publicity over, ready for 开始投票 (paper entry follows).
  {
    election(SEED_ELECTIONS.rules, { kind: 'MOTION', matter: 2, title: '修改管理规约：增加禁止高空抛物条款', description: '在管理规约第十二条后增加一条：禁止从建筑物中抛掷物品，违者承担相应责任。', seats: null, status: 'DOCS_PUBLICIZED', opens: -1, closes: 14, docs: -17 })
  }

  // 5. 公共收益安装监控 (item 9): the window closed yesterday with the quorum met, result not yet published.
  {
    const { e, log } = election(SEED_ELECTIONS.closed, { kind: 'MOTION', matter: 9, title: '使用公共收益加装楼道监控', description: '拟使用停车位出租的公共收益4.2万元，在各栋楼道入口加装监控摄像头。', seats: null, status: 'VOTING_OPEN', opens: -15, closes: -1, docs: -31 })
    log(at(-15), 'o_demo_committee', 'election.voting_open', {})
    const need = Math.ceil((2 * total.heads) / 3) + 4
    castAll(e as never, log, -15, others.slice(0, need).map((party, i) => ({ party, choice: (i % 4 === 3 ? 'NO' : 'YES') as MotionChoice })))
  }
  return docs
}
