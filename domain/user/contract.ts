import { z } from 'zod'
import { defineAction, defineFunction } from '../shared/contract'
import { ROLES } from '../access/capabilities'

const heldRole = z.object({
  role: z.enum(ROLES),
  communityId: z.string(),
  gridIds: z.array(z.string()).optional(),
})

const membership = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  relation: z.enum(['OWNER', 'CO_OWNER', 'TENANT', 'FAMILY']),
  status: z.enum(['APPLIED', 'APPROVED', 'REJECTED', 'LEFT']),
})

export const bootstrapOutput = z.object({
  /** True when this OPENID has never been seen: the client starts onboarding. */
  isNew: z.boolean(),
  profile: z.object({
    nickname: z.string().nullable(),
    /** null = the person never chose; the client may suggest care mode from the font scale (R6.1). */
    elderMode: z.boolean().nullable(),
  }),
  memberships: z.array(membership),
  roles: z.array(heldRole),
  /** communityId → capabilities held there (domain/access/capabilities.ts). */
  capabilities: z.record(z.string(), z.array(z.string())),
  currentCommunity: z.object({ id: z.string(), name: z.string() }).nullable(),
})
export type BootstrapOutput = z.infer<typeof bootstrapOutput>

export const userContract = defineFunction('user', {
  bootstrap: defineAction({
    summary: 'Who am I: profile, memberships, roles and capabilities of the caller (creates the account record on first call).',
    input: z.object({}).strict(),
    output: bootstrapOutput,
    access: 'anyone',
  }),
  setElderMode: defineAction({
    summary: 'Turn care mode (长辈版) on or off for the caller (R6.1).',
    input: z.object({ elderMode: z.boolean() }).strict(),
    output: z.object({ elderMode: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
})
