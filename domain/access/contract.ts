/**
 * access: "谁看过我的数据" (who looked at my data) and the audited reveal of a masked field by staff
 * (R4.9, R4.10, GB/T 35273 §7.1: access to personal data is authorised and logged).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { ROLES } from './capabilities'

/** Fields staff may reveal; each maps to the purpose whose consent covers holding it. */
export const REVEALABLE_FIELDS = ['phone'] as const

export const accessContract = defineFunction('access', {
  myLog: defineAction({
    summary: 'Who viewed the caller’s personal data: role, masked name, when, which field, why. Newest first.',
    input: z.object({ page: z.number().int().min(0).max(1000).default(0) }).strict(),
    output: z.object({
      entries: z.array(
        z.object({
          at: wireDate,
          actorRole: z.enum(ROLES).nullable(),
          actorRoleLabel: z.string(),
          actorNameMasked: z.string(),
          field: z.string(),
          fieldLabel: z.string(),
          reason: z.string(),
        }),
      ),
      hasMore: z.boolean(),
    }),
    access: 'member',
  }),
  reveal: defineAction({
    summary:
      "Staff reveal a resident's full phone number (capability personal.reveal; grid workers only in their grids, R7.2). Needs a reason; logged in access_log, which the resident sees in myLog.",
    input: z
      .object({
        communityId: ids.community,
        /** The household membership the staff member is looking at (their list shows it masked). */
        memberId: z.string().min(1).max(200),
        field: z.enum(REVEALABLE_FIELDS),
        reason: z.string().trim().min(4, '请填写至少4个字的查看理由').max(200),
      })
      .strict(),
    output: z.object({ field: z.enum(REVEALABLE_FIELDS), value: z.string(), loggedAs: z.string() }),
    access: { capability: 'personal.reveal', community: (i) => i.communityId },
  }),
})
