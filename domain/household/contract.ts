/**
 * household: joining a unit (apply → review → approved), leaving, and the reviewers' queue.
 * Everything the applicant does rests on the `household` consent (R4.3); owner verification by ID
 * number additionally needs the separate `owner_verification` consent (R4.2, PIPL Art. 29).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, safeText, wireDate } from '../shared/contract'
import { MEMBERSHIP_STATUSES, RELATIONS } from '../community/model'

const relation = z.enum(RELATIONS)
const status = z.enum(MEMBERSHIP_STATUSES)

const mine = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  relation,
  status,
  reviewNote: z.string().nullable(),
  verified: z.boolean(),
  createdAt: wireDate,
})

/** A child under 14 added by a guardian; only the guardian sees it (full name: it is their family). */
const minor = z.object({
  id: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  displayName: z.string(),
  birthYear: z.number(),
  /** Turned 14 this year or earlier: the child may now register on their own. */
  turned14: z.boolean(),
  createdAt: wireDate,
})

export const householdContract = defineFunction('household', {
  apply: defineAction({
    summary:
      'Apply to join a unit. OWNER/CO_OWNER may give an ID number (needs owner_verification consent): a match with the unit’s registered holders approves at once, storing only the result and a salted hash (R4.2); otherwise staff review it. One active application per unit per person. At most 5 verification attempts per person and per unit per day (issue #9 §7.2): beyond that RATE_LIMITED with details { limit, attemptsPerDay, retryAfter, staffReview: true } and nothing written — apply without the ID number for staff review.',
    input: z
      .object({
        communityId: ids.community,
        buildingId: ids.building,
        unitId: ids.unit,
        relation,
        realName: safeText(2, 20),
        idNumber: z.string().trim().min(15).max(20).optional(),
        /** R4.7: children under 14 cannot register themselves; a guardian adds them (addMinor). */
        adultConfirmed: z.literal(true, { error: '请确认您已年满14周岁；未满14周岁的孩子请由监护人添加' }),
      })
      .strict(),
    output: z.object({ membership: mine, autoApproved: z.boolean() }),
    access: 'member',
    purpose: 'household',
    idempotent: true,
  }),
  review: defineAction({
    summary:
      'Approve or reject an application. Staff with household.review (grid workers only in their grids, R7.2), or an approved owner of the same unit for TENANT/FAMILY applications. Audited.',
    input: z
      .object({
        memberId: z.string().min(1).max(200),
        decision: z.enum(['APPROVE', 'REJECT']),
        reason: safeText(0, 200).optional(),
      })
      .strict()
      .refine((v) => v.decision === 'APPROVE' || (v.reason ?? '').length >= 2, { message: '驳回需要填写理由', path: ['reason'] }),
    output: z.object({ id: z.string(), status, reviewedAt: wireDate }),
    access: 'member',
    idempotent: true,
  }),
  leave: defineAction({
    summary: "Leave a unit (or withdraw a pending application). Unreviewed records are deleted; reviewed ones are kept pseudonymised as review records (registry retention).",
    input: z.object({ memberId: z.string().min(1).max(200) }).strict(),
    output: z.object({ id: z.string(), result: z.enum(['deleted', 'anonymised']) }),
    access: 'member',
    idempotent: true,
  }),
  listMine: defineAction({
    summary: "The caller's own applications and memberships (full unit labels: it is their own data).",
    input: z.object({}).strict(),
    output: z.object({ memberships: z.array(mine), minors: z.array(minor) }),
    access: 'member',
    purpose: 'household',
  }),
  addMinor: defineAction({
    summary:
      "A guardian adds a child under 14 to one of the guardian's approved homes (R4.7, PIPL Art. 31): a form of address and the birth year only, under the guardian's separate consent (minor_household). Visible to the guardian only.",
    input: z
      .object({
        memberId: z.string().min(1).max(200),
        displayName: safeText(1, 10),
        birthYear: z.number().int().min(1990).max(2100),
      })
      .strict(),
    output: z.object({ minor }),
    access: 'member',
    purpose: 'minor_household',
    idempotent: true,
  }),
  removeMinor: defineAction({
    summary: 'The guardian removes a child they added; the record is deleted.',
    input: z.object({ minorId: z.string().min(1).max(200) }).strict(),
    output: z.object({ minorId: z.string(), removed: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
  listForReview: defineAction({
    summary: "Applications in the caller's scope: a grid worker's grids, all of a community for RC staff/admin, TENANT/FAMILY applications of units the caller owns. Names masked (R4.9).",
    input: z
      .object({
        communityId: ids.community,
        status: status.default('APPLIED'),
        page: z.number().int().min(0).max(1000).default(0),
      })
      .strict(),
    output: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          unitId: z.string(),
          unitLabel: z.string(),
          gridId: z.string().nullable(),
          relation,
          status,
          nameMasked: z.string(),
          verification: z.enum(['MATCHED', 'NOT_MATCHED', 'NONE']),
          /** A phone is on file (contact_phone): reviewers holding personal.reveal may 查看电话 (access.reveal, logged). */
          hasPhone: z.boolean(),
          createdAt: wireDate,
          /** Why the caller sees it: staff scope, or as owner of the unit. */
          as: z.enum(['STAFF', 'OWNER']),
        }),
      ),
      hasMore: z.boolean(),
    }),
    access: 'member',
  }),
  securityAlerts: defineAction({
    summary:
      "Security alerts of the last 7 days in the caller's review scope (grid workers: their grids, R7.2): a unit whose online owner verification reached the day's attempt limit (issue #9 §7.2). Applications there need a careful staff review.",
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      alerts: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['OWNER_VERIFICATION_LIMIT']),
          /** The person's daily limit or the unit's. */
          limit: z.enum(['person', 'unit']),
          unitId: z.string(),
          unitLabel: z.string(),
          gridId: z.string().nullable(),
          /** Asia/Shanghai calendar day, YYYY-MM-DD. */
          day: z.string(),
          at: wireDate,
        }),
      ),
    }),
    access: { capability: 'household.review', community: (i) => i.communityId },
  }),
  directory: defineAction({
    summary:
      "Approved household members in the caller's scope (grid workers: their grids only, R7.2), one building at a time or all, 50 a page. Names masked, units per role (R4.9); phones are never listed — reveal one with access.reveal (logged).",
    input: z
      .object({
        communityId: ids.community,
        buildingId: ids.building.optional(),
        page: z.number().int().min(0).max(1000).default(0),
      })
      .strict(),
    output: z.object({
      items: z.array(
        z.object({
          memberId: z.string(),
          unitId: z.string(),
          unitLabel: z.string(),
          gridId: z.string().nullable(),
          relation,
          nameMasked: z.string(),
          /** Whether a phone is on file (with consent) — the 查看电话 button shows only then. */
          hasPhone: z.boolean(),
        }),
      ),
      hasMore: z.boolean(),
    }),
    access: { capability: 'household.read', community: (i) => i.communityId },
  }),
})
