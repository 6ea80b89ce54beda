/**
 * consent: the caller's consent state per purpose, grant / refuse / withdraw, and the privacy
 * notice (R4.1–R4.5). Purposes on a non-consent legal basis are listed but cannot be toggled.
 */
import { z } from 'zod'
import { defineAction, defineFunction, wireDate } from '../shared/contract'
import { PURPOSE_IDS, type PurposeId } from './purposes'

const purposeId = z.enum(PURPOSE_IDS as [PurposeId, ...PurposeId[]])
const legalBasis = z.enum(['CONSENT', 'SEPARATE_CONSENT', 'CONTRACT', 'LEGAL_DUTY', 'EMERGENCY'])
/** The sheet/button the person tapped (R4.4 "channel (WeChat button id)"). */
const channel = z.string().trim().min(1).max(64)

const consentItem = z.object({
  purposeId,
  title: z.string(),
  legalBasis,
  toggleable: z.boolean(),
  separateConsent: z.boolean(),
  sensitive: z.boolean(),
  optional: z.boolean(),
  state: z.enum(['GRANTED', 'REFUSED', 'WITHDRAWN', 'NOT_ASKED', 'NOT_REQUIRED']),
  policyVersion: z.string().nullable(),
  current: z.boolean(),
  effective: z.boolean(),
  canAsk: z.boolean(),
  askAfter: wireDate.nullable(),
})

const changeResult = z.object({
  policyVersion: z.string(),
  items: z.array(consentItem),
})

const noticePurpose = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  legalBasis,
  legalBasisLabel: z.string(),
  toggleable: z.boolean(),
  separateConsent: z.boolean(),
  sensitive: z.boolean(),
  optional: z.boolean(),
  fields: z.array(z.object({ key: z.string(), label: z.string(), sensitive: z.boolean() })),
  retention: z.string(),
  retentionDays: z.number().nullable(),
  recipients: z.array(z.string()),
  withoutIt: z.string(),
})

export const consentContract = defineFunction('consent', {
  status: defineAction({
    summary: 'Each purpose: state, whether the record is under the current policy, and whether the app may ask now (48 h after a refusal, R4.5).',
    input: z.object({}).strict(),
    output: changeResult,
    access: 'anyone',
  }),
  grant: defineAction({
    summary: 'Grant one or more consent purposes; each is recorded separately with policy version, channel and time (R4.4). A separate-consent purpose must be granted on its own.',
    input: z
      .object({
        purposes: z.array(purposeId).min(1).max(8),
        /** The policy version the sheet showed; a stale sheet is refused (informed consent, PIPL Art. 14). */
        policyVersion: z.string().min(1).max(64),
        channel,
      })
      .strict(),
    output: changeResult,
    access: 'member',
    idempotent: true,
  }),
  refuse: defineAction({
    summary: 'Record a refusal; the app will not ask again for 48 h (R4.5).',
    input: z.object({ purpose: purposeId, policyVersion: z.string().min(1).max(64), channel }).strict(),
    output: changeResult,
    access: 'member',
    idempotent: true,
  }),
  withdraw: defineAction({
    summary: 'Withdraw one purpose: processing stops at once and its data is deleted or anonymised (R4.5, PIPL Art. 15/47).',
    input: z.object({ purpose: purposeId, channel }).strict(),
    output: changeResult.extend({ erased: z.record(z.string(), z.number()) }),
    access: 'member',
    idempotent: true,
  }),
  policy: defineAction({
    summary: 'The privacy notice generated from the purpose registry (R4.1, PIPL Art. 17), with the deployment’s operator and contact (deployment_settings/operator).',
    input: z.object({}).strict(),
    output: z.object({
      policyVersion: z.string(),
      policyLabel: z.string(),
      controller: z.string(),
      operator: z
        .object({ name: z.string(), contact: z.string(), address: z.string().nullable(), officer: z.string().nullable() })
        .nullable(),
      purposes: z.array(noticePurpose),
      rights: z.array(z.string()),
      collectedList: z.array(z.object({ field: z.string(), purposes: z.array(z.string()) })),
      providedList: z.array(z.object({ recipient: z.string(), purposes: z.array(z.string()) })),
    }),
    access: 'anyone',
  }),
})
