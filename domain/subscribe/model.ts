/**
 * Subscribe messages (R5.6, R5.7): a poke to people who hold a credit, never a broadcast. Template
 * ids live in configuration (app_settings/subscribe_templates), not in code; credits are counted
 * per (user, template); field values are validated and truncated before sending. Zod-free.
 */

export const TEMPLATE_KINDS = ['ONE_TIME', 'LONG_TERM'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]

export interface TemplateConfig {
  /** Our name for it ('notice'); the client asks by key. */
  key: string
  /** The platform's template id (configured per mini-program in MP admin). */
  id: string
  kind: TemplateKind
  title: string
  /** Our field → the template's field key (thing1, time2 …): the prefix says the platform's limit. */
  fields: Record<string, string>
}

export const SETTINGS_ID = 'subscribe_templates'

/** One per (user, template): `_id = <openid>:<templateId>` in `subscriptions` (purpose notifications). */
export interface CreditDoc {
  _id: string
  openid: string
  templateId: string
  templateKey: string
  kind: TemplateKind
  /** One-time credits left; long-term templates keep sending while accepted. */
  credits: number
  accepted: boolean
  updatedAt: Date
  /** The platform answered 43101: used up (R5.6: fall back to the visit list). */
  exhaustedAt: Date | null
}

export const creditId = (openid: string, templateId: string) => `${openid}:${templateId}`

/** R5.7: at most 3 templates per requestSubscribeMessage call, one-time and long-term never mixed. */
export function requestProblem(templates: readonly Pick<TemplateConfig, 'kind'>[]): string | null {
  if (templates.length === 0) return '没有要订阅的提醒'
  if (templates.length > 3) return '一次最多订阅3个提醒'
  if (new Set(templates.map((t) => t.kind)).size > 1) return '一次性提醒和长期提醒不能一起订阅'
  return null
}

/** The platform's length limits by field-key prefix (subscribeMessage.send documentation). */
const LIMITS: [RegExp, number][] = [
  [/^thing/, 20],
  [/^phrase/, 5],
  [/^name/, 10],
  [/^(number|letter|character_string)/, 32],
  [/^phone_number/, 17],
  [/^symbol/, 5],
  [/^car_number/, 8],
]

/** Cut to the field's limit with an ellipsis (R5.7), counting characters, not UTF-16 units. */
export function fitField(key: string, value: string): string {
  const limit = LIMITS.find(([re]) => re.test(key))?.[1]
  const chars = [...value.replace(/\s+/g, ' ').trim()]
  if (limit === undefined || chars.length <= limit) return chars.join('')
  return `${chars.slice(0, limit - 1).join('')}…`
}

/** The `data` of subscribeMessage.send for one template from our named values. */
export function messageData(t: TemplateConfig, values: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {}
  for (const [ours, theirs] of Object.entries(t.fields)) {
    if (values[ours] !== undefined) out[theirs] = { value: fitField(theirs, values[ours]) }
  }
  return out
}

/** `time` fields: 2026-12-01 14:05 in China time (the platform shows what it is given). */
export function chinaTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString()
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`
}

export const SEND_STATES = ['PENDING', 'SENT', 'NO_CREDIT', 'FAILED', 'SKIPPED'] as const
export type SendState = (typeof SEND_STATES)[number]

/** Attempts before a failing send is given up (the unread list and visits take over). */
export const MAX_SEND_ATTEMPTS = 3
/** Sends per timer run: well under the platform's rate, and inside one function's time. */
export const SENDS_PER_RUN = 200
