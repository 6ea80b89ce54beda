import { z } from 'zod'
import type { Capability } from '../access/capabilities'
import type { PurposeId } from '../privacy/purposes'
import { unsafeTextProblem } from './text'

/**
 * Who may call an action. The router enforces this before the handler runs, so a handler cannot
 * forget the check (tRPC-style guards; architecture.md "Examples to follow").
 * - 'anyone': any caller the platform identified (OPENID present), even one never seen before.
 * - 'member': the caller must have a user record (bootstrapped) — used for personal actions.
 * - { capability, community }: the caller must hold a role granting the capability in the
 *   community the input names. Grid scope is narrower and is checked by the handler with
 *   requireGridScope once it knows which household is touched.
 */
export type Access<I> =
  | 'anyone'
  | 'member'
  | { capability: Capability; community: (input: I) => string | undefined }

export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string
  input: I
  output: O
  access: Access<z.infer<I>>
  /**
   * The processing purpose whose consent the caller must hold (R4.1/R4.3). The server answers
   * CONSENT_REQUIRED with this purpose when it is missing; the client opens that purpose's sheet.
   * Purposes whose legal basis is not consent (LEGAL_DUTY, CONTRACT …) pass without a record.
   */
  purpose?: PurposeId
  /** Writes carry an idempotency key (meta.requestId); a replay returns the first answer. */
  idempotent?: boolean
}

export interface FunctionContract<A extends Record<string, ActionSpec> = Record<string, ActionSpec>> {
  name: string
  actions: A
}

export function defineAction<I extends z.ZodType, O extends z.ZodType>(spec: ActionSpec<I, O>): ActionSpec<I, O> {
  return spec
}

export function defineFunction<A extends Record<string, ActionSpec>>(name: string, actions: A): FunctionContract<A> {
  return { name, actions }
}

export type ActionInput<C extends FunctionContract, K extends keyof C['actions']> = z.input<C['actions'][K]['input']>
export type ActionOutput<C extends FunctionContract, K extends keyof C['actions']> = z.output<C['actions'][K]['output']>

/** Reusable field schemas. */
export const ids = {
  community: z.string().min(1).max(64),
  building: z.string().min(1).max(64),
  unit: z.string().min(1).max(64),
  grid: z.string().min(1).max(64),
  openid: z.string().min(1).max(128),
}

/**
 * Inputs never carry identity: any `openid`/`_openid` field a client sends is stripped before
 * parsing (identity comes only from getWXContext().OPENID). Schemas are strict otherwise, so
 * unexpected fields are reported, not silently stored.
 */
export const IDENTITY_FIELDS = ['openid', '_openid', 'OPENID', 'unionid', 'UNIONID'] as const

/**
 * A point in time in an action's output. Handlers return Date objects (what the SDK reads from the
 * database); JSON carries ISO strings, so the contract's output type is the string the client
 * actually receives.
 */
export const wireDate = z.union([z.date(), z.iso.datetime()]).transform((v) => new Date(v).toISOString())

/**
 * A name or short free text people type (real names, nicknames, a child's form of address,
 * reasons): trimmed, bounded, and free of control, zero-width and bidi-override characters and
 * lone surrogates (issue #9 §7.11, domain/shared/text.ts).
 */
export function safeText(min: number, max: number, tooShort?: string) {
  return z
    .string()
    .trim()
    .min(min, tooShort)
    .max(max)
    .refine((s) => unsafeTextProblem(s) === null, { error: (iss) => unsafeTextProblem(String(iss.input)) ?? '包含不允许的字符' })
}
