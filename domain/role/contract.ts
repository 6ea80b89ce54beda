/**
 * role: grant and revoke the grantable roles of a community (capability role.manage), audited
 * with before/after. RESIDENT and OWNER are never granted: they come from households (R2.8).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids } from '../shared/contract'
import { GRANTABLE_ROLES } from '../access/capabilities'

const role = z.enum(GRANTABLE_ROLES)
const grant = z.object({
  grantId: z.string(),
  role,
  roleLabel: z.string(),
  nameMasked: z.string(),
  gridIds: z.array(z.string()),
  grantedAt: z.date(),
})

export const roleContract = defineFunction('role', {
  assign: defineAction({
    summary: 'Grant a role in a community (GRID_WORKER needs grid ids of that community). Re-assigning updates the grids. Audited.',
    input: z
      .object({
        communityId: ids.community,
        /** The person to grant to (an openid the admin picked); named so the router's identity stripping does not drop it. */
        targetOpenid: ids.openid,
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
    output: z.object({ grantId: z.string(), revokedAt: z.date() }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Active grants of a community, names masked (R4.9).',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ grants: z.array(grant) }),
    access: { capability: 'role.manage', community: (i) => i.communityId },
  }),
})
