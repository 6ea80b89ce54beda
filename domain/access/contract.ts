/**
 * access: "谁看过我的数据" (who looked at my data) and the audited reveal of a masked field by staff
 * (R4.9, R4.10, GB/T 35273 §7.1: access to personal data is authorised and logged).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, safeText, wireDate } from '../shared/contract'
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
          /** The staff member's full name: they act in an official capacity (issue #7 §16). */
          actorName: z.string(),
          /** Kept for older clients. */
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
      "Staff reveal a resident's full phone number (capability personal.reveal), with a reason, logged in access_log (the resident sees it in myLog). From a household record (memberId: approved member or an application under review) for grid workers in their grids (R7.2) and residents'-committee staff; property staff only through a service request of that resident that asked for a call-back (serviceRequestId '<kind>:<id>', issue #9 §7.6) — otherwise FORBIDDEN.",
    input: z
      .object({
        communityId: ids.community,
        /** The household membership the staff member is looking at (directory memberId, review queue id). */
        memberId: z.string().min(1).max(200).optional(),
        /** A service request with a call-back, '<kind>:<id>' (repairs bring them; cloudfunctions/_core/callbacks.ts). */
        serviceRequestId: z.string().min(3).max(160).optional(),
        field: z.enum(REVEALABLE_FIELDS),
        reason: safeText(4, 200, '请填写至少4个字的查看理由'),
      })
      .strict()
      .refine((i) => (i.memberId ? 1 : 0) + (i.serviceRequestId ? 1 : 0) === 1, { message: '请指定住户或服务单', path: ['memberId'] }),
    output: z.object({ field: z.enum(REVEALABLE_FIELDS), value: z.string(), loggedAs: z.string() }),
    access: { capability: 'personal.reveal', community: (i) => i.communityId },
  }),
})
