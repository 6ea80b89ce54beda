/**
 * role: grant and revoke the grantable roles of a community (capability role.manage), audited
 * with before/after. RESIDENT and OWNER are never granted: they come from households (R2.8).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { GRANTABLE_ROLES } from '../access/capabilities'

const role = z.enum(GRANTABLE_ROLES)
const grant = z.object({
  grantId: z.string(),
  role,
  roleLabel: z.string(),
  nameMasked: z.string(),
  gridIds: z.array(z.string()),
  grantedAt: wireDate,
})

export const roleContract = defineFunction('role', {
  assign: defineAction({
    summary: 'Grant a role in a community (GRID_WORKER needs grid ids of that community). Re-assigning updates the grids. Audited.',
    input: z
      .object({
        communityId: ids.community,
        /**
         * The person: a household member picked from household.directory. Roles are never granted
         * by typing an account id (docs/decisions.md; issue #9 §7.11 — `targetOpenid` is refused as
         * an unknown key); people who are not residents (property staff…) redeem an invite code.
         */
        memberId: z.string().min(1).max(200),
        role,
        gridIds: z.array(ids.grid).max(20).optional(),
      })
      .strict(),
    output: grant,
    access: { capability: 'role.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  revoke: defineAction({
    summary: 'Revoke a grant (the last community admin cannot be revoked). Audited.',
    input: z.object({ communityId: ids.community, grantId: z.string().min(1).max(200) }).strict(),
    output: z.object({ grantId: z.string(), revokedAt: wireDate }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Active grants of a community. Admins manage staff by name: the full name (issue #7 §16) beside the masked one.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ grants: z.array(grant.extend({ name: z.string() })) }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
  }),
  invite: defineAction({
    summary:
      'Create a one-time invite code for a role (7 days). The invited person redeems it in the app, so the admin never handles account ids and the role lands on exactly the account that redeemed it. Audited.',
    input: z.object({ communityId: ids.community, role, gridIds: z.array(ids.grid).max(20).optional() }).strict(),
    output: z.object({ code: z.string(), role, roleLabel: z.string(), gridIds: z.array(z.string()), expiresAt: wireDate }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  redeemInvite: defineAction({
    summary: 'Redeem an invite code: the caller (by OPENID) receives the role. A code works once, before it expires; parallel redemptions of one code grant it once.',
    input: z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{8}$/, '邀请码为8位字母或数字') }).strict(),
    output: grant.extend({ communityId: z.string(), communityName: z.string() }),
    access: 'member',
    idempotent: true,
  }),
  invites: defineAction({
    summary: 'Invite codes of a community that are still open (not redeemed, not expired, not cancelled), newest first.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ invites: z.array(z.object({ code: z.string(), role, roleLabel: z.string(), gridIds: z.array(z.string()), createdAt: wireDate, expiresAt: wireDate })) }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
  }),
  cancelInvite: defineAction({
    summary: 'Cancel an open invite code (a code handed to the wrong person). Audited.',
    input: z.object({ communityId: ids.community, code: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{8}$/) }).strict(),
    output: z.object({ code: z.string(), cancelled: z.boolean() }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
})
