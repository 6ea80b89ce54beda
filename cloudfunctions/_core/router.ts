/**
 * createFunction(contract, handlers) → the cloud function's `main`.
 *
 * For each call: find the action in the contract (UNKNOWN_ACTION), take the caller from
 * getWXContext().OPENID (UNAUTHENTICATED; any identity field in the input is dropped), validate the
 * input with zod (VALIDATION_FAILED with a field map, nothing written), load the caller's account,
 * memberships and roles, enforce the action's declared access and purpose (FORBIDDEN,
 * CONSENT_REQUIRED), replay idempotent writes, run the handler, check its output against the
 * contract, and answer the envelope. Unexpected throws become INTERNAL: logged with the request id,
 * the cause never returned.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { cloud, db } from './cloud'
import { AppError, type FieldErrors, type WireError } from '../../domain/shared/errors'
import type { Envelope } from '../../domain/shared/envelope'
import { IDENTITY_FIELDS, type ActionSpec, type FunctionContract } from '../../domain/shared/contract'
import { loadCaller, type CallContext } from './context'
import { requireCapability, requireConsent } from './guards'
import { beginJournal, claim, complete, endJournal, leaseMsFor, release } from './idempotency'

export type Handler<S extends ActionSpec> = (input: z.output<S['input']>, ctx: CallContext) => Promise<z.input<S['output']>>

export type Handlers<C extends FunctionContract> = { [K in keyof C['actions']]: Handler<C['actions'][K]> }

/** Timer triggers declared in the function's config.json, by trigger name. */
export type TimerHandlers = Record<string, (ctx: { now: Date; requestId: string }) => Promise<unknown>>

const REQUEST_ID = /^[A-Za-z0-9_-]{6,64}$/

/** getWXContext().SOURCE of an invocation by a timer trigger (TCB_SOURCE set by the platform). */
export const TIMER_SOURCE = 'wx_trigger'

// Field messages in VALIDATION_FAILED reach people: zod's built-in ones in Simplified Chinese.
z.config(z.locales.zhCN())

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    ;(out[key] ??= []).push(issue.message)
  }
  return out
}

function stripIdentity(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input
  const copy = { ...(input as Record<string, unknown>) }
  for (const f of IDENTITY_FIELDS) delete copy[f]
  return copy
}

function fail(error: Omit<WireError, 'requestId'>, requestId: string): Envelope<never> {
  return { ok: false, error: { ...error, requestId } }
}

export function createFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, timers: TimerHandlers = {}) {
  return async function main(event: unknown, context?: unknown): Promise<Envelope<unknown> | unknown> {
    const ev = (event ?? {}) as { action?: unknown; input?: unknown; meta?: { requestId?: unknown }; Type?: string; TriggerName?: string }
    const metaId = ev.meta?.requestId
    const requestId = typeof metaId === 'string' && REQUEST_ID.test(metaId) ? metaId : randomBytes(10).toString('hex')

    if (ev.Type === 'Timer') {
      // Timer events come only from the platform's trigger: no caller identity, trigger source
      // (issue #9, 7.7). Anyone can POST {"Type":"Timer"} through callFunction; it is refused.
      const { OPENID, SOURCE } = cloud.getWXContext() as { OPENID?: string; SOURCE?: string }
      if (OPENID || SOURCE !== TIMER_SOURCE) return fail({ code: 'FORBIDDEN', message: '定时任务只能由平台触发' }, requestId)
      // Own properties only: "constructor", "valueOf" … are not timers.
      const name = typeof ev.TriggerName === 'string' ? ev.TriggerName : ''
      const timer = Object.prototype.hasOwnProperty.call(timers, name) ? timers[name] : undefined
      if (typeof timer !== 'function') return fail({ code: 'UNKNOWN_ACTION', message: `no timer ${name}` }, requestId)
      try {
        return { ok: true, data: await timer({ now: new Date(), requestId }) }
      } catch (e) {
        console.error(`[${requestId}] ${contract.name} timer ${name} failed:`, e instanceof Error ? e.stack : e)
        return fail({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }, requestId)
      }
    }

    const action = typeof ev.action === 'string' ? ev.action : ''
    const spec = Object.prototype.hasOwnProperty.call(contract.actions, action) ? (contract.actions[action] as ActionSpec) : undefined
    if (!spec) return fail({ code: 'UNKNOWN_ACTION', message: `未知的操作：${contract.name}.${action}` }, requestId)

    const { OPENID } = cloud.getWXContext()
    if (!OPENID) return fail({ code: 'UNAUTHENTICATED', message: '无法识别您的身份，请在微信中打开' }, requestId)

    const parsed = spec.input.safeParse(stripIdentity(ev.input ?? {}))
    if (!parsed.success) {
      return fail({ code: 'VALIDATION_FAILED', message: '填写的内容有误，请检查', details: { fields: fieldErrors(parsed.error) } }, requestId)
    }

    try {
      const caller = await loadCaller(OPENID)
      const ctx: CallContext = {
        openid: OPENID,
        requestId,
        now: new Date(),
        db,
        ...caller,
        scope: null,
        functionName: contract.name,
        action,
      }
      if (spec.access === 'member' && !ctx.user) throw new AppError('UNAUTHENTICATED', '请先进入小程序完成初始化')
      if (typeof spec.access === 'object') {
        ctx.scope = requireCapability(ctx, spec.access.capability, spec.access.community(parsed.data))
      }
      if (spec.purpose) await requireConsent(ctx, spec.purpose)

      const idemKey = spec.idempotent && typeof metaId === 'string' && REQUEST_ID.test(metaId) ? `${contract.name}:${action}:${OPENID}:${metaId}` : null
      if (idemKey) {
        const c = await claim(idemKey, ctx.now, leaseMsFor(context))
        if (c.kind === 'replay') return { ok: true, data: c.response }
        if (c.kind === 'in-progress') throw new AppError('CONFLICT', '上一次提交仍在处理，请稍后再试', { requestId: metaId, retryAfterMs: c.retryAfterMs })
        beginJournal(idemKey)
      }
      let out: z.ZodSafeParseResult<unknown>
      try {
        const raw = await (handlers[action] as Handler<ActionSpec>)(parsed.data, ctx)
        out = spec.output.safeParse(raw)
        if (!out.success) throw new Error(`${contract.name}.${action} returned data outside its contract: ${JSON.stringify(fieldErrors(out.error))}`)
      } catch (e) {
        // The handler failed (handlers write last or atomically): free the key so a retry can run.
        // Journal steps it committed stay, so the retry replays them rather than writing twice.
        if (idemKey) await release(idemKey).catch(() => undefined)
        throw e
      } finally {
        endJournal()
      }
      if (idemKey) await complete(idemKey, out.data, ctx.now)
      return { ok: true, data: out.data }
    } catch (e) {
      if (e instanceof AppError) return fail({ code: e.code, message: e.message, details: e.details }, requestId)
      console.error(`[${requestId}] ${contract.name}.${action} failed:`, e instanceof Error ? e.stack : e)
      return fail({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }, requestId)
    }
  }
}
