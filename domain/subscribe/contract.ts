/**
 * subscribe: the templates a person may opt into, and the record of what they accepted in
 * requestSubscribeMessage (credits per user and template, R5.6). Sending happens in a timer job
 * (never from the client, never one call per resident).
 */
import { z } from 'zod'
import { defineAction, defineFunction } from '../shared/contract'
import { TEMPLATE_KINDS } from './model'

export const subscribeContract = defineFunction('subscribe', {
  templates: defineAction({
    summary: 'The configured subscribe-message templates (ids from configuration), for requestSubscribeMessage.',
    input: z.object({}).strict(),
    output: z.object({ templates: z.array(z.object({ key: z.string(), id: z.string(), kind: z.enum(TEMPLATE_KINDS), title: z.string() })) }),
    access: 'member',
  }),
  record: defineAction({
    summary:
      "Record the answer of one requestSubscribeMessage call (R5.7: ≤ 3 templates, one kind): each 'accept' adds a one-time credit for (caller, template); 'reject' or 'ban' records no credit.",
    input: z
      .object({
        results: z
          .array(z.object({ templateId: z.string().min(1).max(128), result: z.enum(['accept', 'reject', 'ban', 'filter']) }).strict())
          .min(1)
          .max(3),
      })
      .strict(),
    output: z.object({ credits: z.array(z.object({ templateId: z.string(), credits: z.number().int(), accepted: z.boolean() })) }),
    access: 'member',
    purpose: 'notifications',
    idempotent: true,
  }),
})
