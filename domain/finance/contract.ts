/**
 * finance: 物业收支公示 (issue #14 §2). Published periods are immutable: a correction is a new
 * version that lists what changed. Questions are public (msgSecCheck, author masked, R5.8).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, safeText, wireDate } from '../shared/contract'
import { PERIOD_KEY, totalProblems, type FinanceReport } from './model'

const fen = z.number({ error: '金额须为数字（单位：分）' }).int('金额须为整数（单位：分）').min(0, '金额不能为负数').max(1e12)
const line = z.object({ category: safeText(1, 30), amountFen: fen }).strict()
const periodKey = z.string().regex(PERIOD_KEY, '期间格式为 2026-03（月）或 2026-Q1（季度）')

export const financeReport = z
  .object({
    income: z.array(line).max(30),
    incomeTotalFen: fen,
    expenditure: z.array(line).max(30),
    expenditureTotalFen: fen,
    commonIncome: z.array(line).max(30),
    commonIncomeTotalFen: fen,
    fund: z
      .object({
        openingFen: fen,
        depositsFen: fen,
        uses: z.array(z.object({ amountFen: fen, purpose: safeText(2, 100), decisionRef: safeText(2, 100) }).strict()).max(30),
        closingFen: fen,
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const [path, message] of Object.entries(totalProblems(r as FinanceReport))) ctx.addIssue({ code: 'custom', message, path: path.split('.') })
  })

const changes = z.array(z.object({ path: z.string(), before: z.union([z.number(), z.string()]).nullable(), after: z.union([z.number(), z.string()]).nullable() }))

const periodSummary = z.object({
  periodKey: z.string(),
  label: z.string(),
  version: z.number().int(),
  publishedAt: wireDate,
  incomeTotalFen: z.number().int(),
  expenditureTotalFen: z.number().int(),
  fundClosingFen: z.number().int(),
  corrected: z.boolean(),
  openQuestions: z.number().int(),
})

const question = z.object({
  id: z.string(),
  authorMasked: z.string(),
  text: z.string(),
  askedAt: wireDate,
  ageDays: z.number().int(),
  answer: z.object({ text: z.string(), at: wireDate, by: z.string() }).nullable(),
  mine: z.boolean(),
  /** PENDING_REVIEW and REJECTED reach only the author (with why, when rejected). */
  status: z.enum(['PUBLISHED', 'PENDING_REVIEW', 'REJECTED']),
  rejectReason: z.string().nullable(),
})

const heldItem = z.object({
  kind: z.enum(['QUESTION', 'COMMENT']),
  id: z.string(),
  periodKey: z.string(),
  label: z.string(),
  text: z.string(),
  /** Masked for a resident's question, named for a committee member's comment. */
  by: z.string(),
  at: wireDate,
})

export const financeContract = defineFunction('finance', {
  publish: defineAction({
    summary:
      'Property staff publish a period (month or quarter): income, expenditure, common-parts income and the maintenance fund with each use, integers in fen, totals that add up, no overlap with another published period. With correctsVersion it is a correction: a new version with a reason and the list of changes; the old one stays.',
    input: z
      .object({
        communityId: ids.community,
        periodKey,
        report: financeReport,
        /** The version this corrects (the latest); absent for a first publication. */
        correctsVersion: z.number().int().min(1).optional(),
        correctionReason: safeText(0, 200).optional(),
      })
      .strict()
      .refine((i) => !i.correctsVersion || (i.correctionReason ?? '').length >= 4, { message: '更正须说明原因（至少4个字）', path: ['correctionReason'] }),
    output: z.object({ id: z.string(), periodKey: z.string(), version: z.number().int(), changes }),
    access: { capability: 'finance.publish', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Published periods of a community, newest first (latest version of each), with unanswered question counts.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ periods: z.array(periodSummary) }),
    access: 'member',
  }),
  get: defineAction({
    summary: 'One period: the requested (default latest) version, every version with its changes, questions with answers, committee comments.',
    input: z.object({ communityId: ids.community, periodKey, version: z.number().int().min(1).optional() }).strict(),
    output: z.object({
      periodKey: z.string(),
      label: z.string(),
      version: z.number().int(),
      latestVersion: z.number().int(),
      publishedAt: wireDate,
      publishedBy: z.string(),
      report: z.object({
        income: z.array(z.object({ category: z.string(), amountFen: z.number().int() })),
        incomeTotalFen: z.number().int(),
        expenditure: z.array(z.object({ category: z.string(), amountFen: z.number().int() })),
        expenditureTotalFen: z.number().int(),
        commonIncome: z.array(z.object({ category: z.string(), amountFen: z.number().int() })),
        commonIncomeTotalFen: z.number().int(),
        fund: z.object({ openingFen: z.number().int(), depositsFen: z.number().int(), uses: z.array(z.object({ amountFen: z.number().int(), purpose: z.string(), decisionRef: z.string() })), closingFen: z.number().int() }),
      }),
      versions: z.array(z.object({ version: z.number().int(), publishedAt: wireDate, reason: z.string().nullable(), changes })),
      questions: z.array(question),
      comments: z.array(z.object({ id: z.string(), text: z.string(), at: wireDate, by: z.string() })),
      /** The caller's own comments still held or rejected by moderation (committee members see where theirs are). */
      myHeldComments: z.array(z.object({ id: z.string(), text: z.string(), at: wireDate, status: z.enum(['PENDING_REVIEW', 'REJECTED']), rejectReason: z.string().nullable() })),
    }),
    access: 'member',
  }),
  ask: defineAction({
    summary: 'A resident of the community asks a public question on a period (msgSecCheck; shown with the author masked). Risky text is refused; under review it waits unseen.',
    input: z.object({ communityId: ids.community, periodKey, text: z.string().trim().min(4, '请至少写4个字').max(300) }).strict(),
    output: z.object({ id: z.string(), status: z.enum(['PUBLISHED', 'PENDING_REVIEW']) }),
    access: 'member',
    purpose: 'property_service',
    idempotent: true,
  }),
  answer: defineAction({
    summary: 'Property staff answer a question once (msgSecCheck); the answer is public with the staff member named.',
    input: z.object({ communityId: ids.community, questionId: z.string().min(3).max(100), text: z.string().trim().min(2).max(500) }).strict(),
    output: z.object({ id: z.string() }),
    access: { capability: 'finance.publish', community: (i) => i.communityId },
    idempotent: true,
  }),
  comment: defineAction({
    summary: "The owners' committee attaches a comment to a published period (msgSecCheck), shown with the member named.",
    input: z.object({ communityId: ids.community, periodKey, text: z.string().trim().min(4).max(500) }).strict(),
    output: z.object({ id: z.string(), status: z.enum(['PUBLISHED', 'PENDING_REVIEW']) }),
    access: { capability: 'finance.comment', community: (i) => i.communityId },
    idempotent: true,
  }),
  held: defineAction({
    summary: "The moderation queue of a community's public finance text: questions and committee comments that msgSecCheck held (review, or the check unavailable), oldest first. For the residents' committee, not the property company the questions are about.",
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ items: z.array(heldItem) }),
    access: { capability: 'finance.moderate', community: (i) => i.communityId },
  }),
  moderate: defineAction({
    summary: 'Publish or reject a held question or comment (a reason for a rejection, shown to the author). Audited. A published question starts to age and counts into the scorecard.',
    input: z
      .object({
        communityId: ids.community,
        kind: z.enum(['QUESTION', 'COMMENT']),
        id: z.string().min(3).max(100),
        decision: z.enum(['PUBLISH', 'REJECT']),
        reason: safeText(0, 200).default(''),
      })
      .strict()
      .refine((i) => i.decision === 'PUBLISH' || i.reason.trim().length >= 2, { message: '驳回须说明原因', path: ['reason'] }),
    output: z.object({ id: z.string(), status: z.enum(['PUBLISHED', 'REJECTED']) }),
    access: { capability: 'finance.moderate', community: (i) => i.communityId },
    idempotent: true,
  }),
})
