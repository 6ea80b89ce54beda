import { z } from 'zod'
import { defineAction, defineFunction, safeText, wireDate } from '../shared/contract'
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
    /** The caller's own data, shown back to them: the name in full, the phone masked (R4.9). */
    realName: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  memberships: z.array(membership),
  /** Applications of tenants/family to units the caller owns, waiting for the caller's review. */
  ownerReviews: z.number().int(),
  roles: z.array(heldRole),
  /** communityId → capabilities held there (domain/access/capabilities.ts). */
  capabilities: z.record(z.string(), z.array(z.string())),
  currentCommunity: z.object({ id: z.string(), name: z.string() }).nullable(),
})
export type BootstrapOutput = z.infer<typeof bootstrapOutput>

/**
 * user.exportMyData output (PIPL Art. 45; issue #9 §7.5, issue #7 §5). Shape:
 *
 * {
 *   generatedAt: ISO date,
 *   rightsRequestId: 'RR-XXXXXXXX'        short opaque reference of this request (also in myRequests)
 *   collections: { <collection>: [doc…] } machine-readable (offer it as a file): the caller's own
 *                                         records, records about them and of what they did; other
 *                                         people appear as '（他人）' with masked names; no
 *                                         internal collections (idempotency), no keys that embed an
 *                                         account or request id (_id kept only where it is opaque
 *                                         or is the caller's OpenID: users, household_members,
 *                                         role_grants, rights_requests)
 *   counts: { <collection>: number }      documents per collection above (backward compatible)
 *   sections: [                           readable, grouped by purpose — render this page
 *     { purpose: 'household' | … | null,  purpose key from domain/privacy/purposes.ts, null for
 *                                         records no purpose declares (同意记录, 个人信息权利请求, 工作角色, 其他记录)
 *       title: '房屋与家庭绑定',            the purpose's Chinese title (or the heading)
 *       description: string,              what it is for, from the registry
 *       records: [{ collection, title: '房屋：2栋402', rows: [{ label: '与房屋关系', value: '租户' }…] }] }
 *   ]                                     values are display strings: dates in Asia/Shanghai
 *                                         'YYYY-MM-DD HH:mm', 是/否, ids resolved to names, '—' for empty
 * }
 */
export const exportRow = z.object({ label: z.string(), value: z.string() })
export const exportSection = z.object({
  purpose: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  records: z.array(z.object({ collection: z.string(), title: z.string(), rows: z.array(exportRow) })),
})
export const exportOutput = z.object({
  generatedAt: wireDate,
  rightsRequestId: z.string(),
  collections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  counts: z.record(z.string(), z.number()),
  sections: z.array(exportSection),
})
export type ExportOutput = z.infer<typeof exportOutput>

export const userContract = defineFunction('user', {
  bootstrap: defineAction({
    summary: 'Who am I: profile, memberships, roles and capabilities of the caller (creates the account record on first call).',
    input: z.object({}).strict(),
    output: bootstrapOutput,
    access: 'anyone',
  }),
  updateProfile: defineAction({
    summary: 'Change nickname, real name or phone. The phone needs the contact_phone consent and the real name the household consent (registry fields, R4.1) — checked per field, so a nickname change never needs either.',
    input: z
      .object({
        nickname: safeText(1, 20).nullable().optional(),
        realName: safeText(2, 20).nullable().optional(),
        /** Mainland mobile number; null removes it. */
        phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号').nullable().optional(),
      })
      .strict()
      .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' }),
    output: z.object({
      nickname: z.string().nullable(),
      realName: z.string().nullable(),
      /** Masked even to the owner on the wire: the full number is never needed back (R4.9). */
      phoneMasked: z.string().nullable(),
    }),
    access: 'member',
    idempotent: true,
  }),
  exportMyData: defineAction({
    summary:
      "R4.6 access and copy: the caller's own records, records about them (who viewed their data …) and records of what they did, from every declared collection; never third parties' records, internal collections or other people's account ids. Machine-readable (collections) and readable by purpose (sections). Records a completed rights request.",
    input: z.object({}).strict(),
    output: exportOutput,
    access: 'member',
  }),
  deleteAccount: defineAction({
    summary: 'R4.6 cancel the account: delete everything about the caller, pseudonymise what must be kept (logs, consent evidence, reviewed household records); the openid then starts as a new person.',
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: z.object({ rightsRequestId: z.string(), deleted: z.number(), pseudonymised: z.number() }),
    access: 'member',
  }),
  myRequests: defineAction({
    summary: "The caller's rights requests (R4.6: access/copy, correction, deletion) with their status and deadline, newest first.",
    input: z.object({}).strict(),
    output: z.object({
      requests: z.array(
        z.object({
          id: z.string(),
          type: z.enum(['ACCESS_COPY', 'CORRECT', 'DELETE_ACCOUNT']),
          status: z.enum(['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED']),
          requestedAt: wireDate,
          deadline: wireDate,
          completedAt: wireDate.nullable(),
          /** A refusal must say why and where to complain (R4.6, PIPL Art. 50). */
          refusalReason: z.string().nullable(),
        }),
      ),
    }),
    access: 'member',
  }),
  setElderMode: defineAction({
    summary: 'Turn care mode (长辈版) on or off for the caller (R6.1).',
    input: z.object({ elderMode: z.boolean() }).strict(),
    output: z.object({ elderMode: z.boolean() }),
    access: 'member',
    idempotent: true,
  }),
})
