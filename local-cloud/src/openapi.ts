/**
 * Local answers for the WeChat open APIs the product calls through cloud.openapi (R5.6–R5.8):
 * - security.msgSecCheck (v2): suggest pass | review | risky from local-cloud/content-rules.json;
 * - subscribeMessage.send: recorded in the outbox (GET /__dev/outbox), validated like the service
 *   validates (touser, template_id, data present; field values within the documented lengths);
 *   each send consumes one credit the user was granted for the template (what the WeChat client
 *   grants when the user accepts requestSubscribeMessage: grantSubscribeCredit), and answers 43101
 *   when none is left, as the platform does.
 * - security.mediaCheckAsync (v2): validated like the service (media_url, media_type, version 2,
 *   scene, openid), answers errcode 0 + trace_id at once (the SDK hands callers traceId), and later delivers the verdict as the
 *   platform does — a `wxa_media_check` message-push event — to the function the 消息推送 setting
 *   names (LocalCloudOptions.messagePushFunction, default `media`). Verdict from the file's names
 *   (its cloud path, and the name the client uploaded it under): `risky` → risky, `review` →
 *   review, else pass. `mediaCheckUnavailable = true` (dev
 *   switch, POST /__dev/openapi) makes it answer -1 "system error", as when the service is down.
 * Anything else answers errcode -604101 ("no permission"), which is what the cloud says for an
 * API not declared in the function's config.json permissions.
 */
import fs from 'node:fs'
import { randomBytes } from 'node:crypto'

export interface OutboxEntry {
  at: string
  api: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
}

export type MediaSuggest = 'pass' | 'review' | 'risky'

/** The `wxa_media_check` message-push event (version 2), as the platform sends it. */
export interface MediaCheckPush {
  ToUserName: string
  FromUserName: string
  CreateTime: number
  MsgType: 'event'
  Event: 'wxa_media_check'
  appid: string
  trace_id: string
  version: 2
  detail: { strategy: string; errcode: number; suggest: MediaSuggest; label: number; prob: number }[]
  errcode: number
  errmsg: string
  result: { suggest: MediaSuggest; label: number }
}

interface Rule {
  word: string
  label: number
}

export class OpenApiService {
  readonly outbox: OutboxEntry[] = []
  private rules: { risky: Rule[]; review: Rule[] }
  stats = { msgSecCheck: 0, subscribeSend: 0, mediaCheckAsync: 0, mediaCheckPushes: 0 }
  /** When the verdict is pushed: after the caller has its answer (normal), or before (the race). */
  mediaPushTiming: 'after-answer' | 'before-answer' = 'after-answer'
  /** Dev switch: the media check service is down (answers errcode -1, nothing is pushed). */
  mediaCheckUnavailable = false
  /** Delivers a message-push event (set by startLocalCloud: invokes the configured function). */
  pushMessage: (event: MediaCheckPush) => Promise<void> = async () => {}
  /** What a media URL names (set by startLocalCloud: cloud path + the picked file's name). */
  describeMediaUrl: (url: string) => string = (url) => decodeURIComponent(new URL(url).pathname)
  /** Verdicts not yet delivered; `await openapi.pushesSettled()` waits for them (tests). */
  private readonly inFlight = new Set<Promise<void>>()
  constructor(rulesFile: string, private readonly appid = 'wx_linli_local') {
    this.rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8'))
  }

  /** Resolves when every verdict pushed so far has been delivered (and those deliveries answered). */
  async pushesSettled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight])
  }
  /** `${openid}|${templateId}` → credits the platform would hold (R5.6). */
  readonly subscribeCredits = new Map<string, number>()

  /** The user accepted the template in requestSubscribeMessage (one credit each time). */
  grantSubscribeCredit(openid: string, templateId: string, count = 1): void {
    const key = `${openid}|${templateId}`
    this.subscribeCredits.set(key, (this.subscribeCredits.get(key) ?? 0) + count)
  }

  handle(apiName: string, data: Record<string, unknown>, allowed: string[] | undefined): Record<string, unknown> | Promise<Record<string, unknown>> {
    if (allowed && !allowed.includes(apiName)) {
      return { errcode: -604101, errmsg: `function has no permission to call this API (${apiName}); declare it in config.json permissions.openapi` }
    }
    switch (apiName) {
      case 'security.msgSecCheck':
        return this.msgSecCheck(data)
      case 'subscribeMessage.send':
        return this.subscribeSend(data)
      case 'security.mediaCheckAsync':
        return this.mediaCheckAsync(data)
      default:
        return { errcode: -604101, errmsg: `${apiName} is not emulated by the local cloud` }
    }
  }

  private msgSecCheck(data: Record<string, unknown>): Record<string, unknown> {
    this.stats.msgSecCheck++
    const content = typeof data.content === 'string' ? data.content : ''
    if (data.version !== 2 && data.version !== '2') return { errcode: 47001, errmsg: 'data format error: version must be 2' }
    if (!data.openid) return { errcode: 47001, errmsg: 'data format error: openid required' }
    if (![1, 2, 3, 4].includes(Number(data.scene))) return { errcode: 40129, errmsg: 'invalid scene' }
    if (content.length > 2500) return { errcode: 47001, errmsg: 'content exceeds 2500 characters' }
    const text = [content, data.title, data.nickname, data.signature].filter((x) => typeof x === 'string').join('\n')
    const risky = this.rules.risky.find((r) => text.includes(r.word))
    const review = risky ? undefined : this.rules.review.find((r) => text.includes(r.word))
    const hit = risky ?? review
    const suggest = risky ? 'risky' : review ? 'review' : 'pass'
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label: hit?.label ?? 100 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label: hit?.label ?? 100, keyword: hit?.word ?? '', prob: hit ? 90 : 0 }],
      trace_id: randomBytes(8).toString('hex'),
    }
  }

  private mediaCheckAsync(data: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
    this.stats.mediaCheckAsync++
    if (this.mediaCheckUnavailable) return { errcode: -1, errmsg: 'system error' }
    const url = typeof data.media_url === 'string' ? data.media_url : ''
    if (!/^https?:\/\/\S+$/.test(url) || url.length > 2048) return { errcode: 47001, errmsg: 'data format error: media_url must be an http(s) URL' }
    if (![1, 2].includes(Number(data.media_type))) return { errcode: 47001, errmsg: 'data format error: media_type must be 1 (audio) or 2 (image)' }
    if (data.version !== 2 && data.version !== '2') return { errcode: 47001, errmsg: 'data format error: version must be 2' }
    if (typeof data.openid !== 'string' || !data.openid) return { errcode: 47001, errmsg: 'data format error: openid required' }
    if (![1, 2, 3, 4].includes(Number(data.scene))) return { errcode: 40129, errmsg: 'invalid scene' }
    // trace_id as the platform formats it: three dash-separated hex groups.
    const traceId = [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-')
    const name = this.describeMediaUrl(url).toLowerCase()
    const suggest: MediaSuggest = name.includes('risky') ? 'risky' : name.includes('review') ? 'review' : 'pass'
    const label = suggest === 'pass' ? 100 : 20002 // 20002: 色情 in the v2 label table
    const event: MediaCheckPush = {
      ToUserName: 'gh_linli_local',
      FromUserName: data.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.appid,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    }
    // Asynchronously, after this answer has reached the caller (the platform pushes within 30 min).
    const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.pushMessage(event))
      .then(() => void this.stats.mediaCheckPushes++)
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(delivery))
    this.inFlight.add(delivery)
    const answer = { errcode: 0, errmsg: 'ok', trace_id: traceId }
    // 'before-answer': the verdict outruns the answer (tests prove the receiver copes).
    return this.mediaPushTiming === 'before-answer' ? delivery.then(() => answer) : answer
  }

  private subscribeSend(data: Record<string, unknown>): Record<string, unknown> {
    const touser = data.touser
    const templateId = data.template_id
    const fields = data.data as Record<string, { value?: unknown }> | undefined
    if (typeof touser !== 'string' || !touser) return { errcode: 40003, errmsg: 'invalid openid' }
    if (typeof templateId !== 'string' || !templateId) return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!fields || typeof fields !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is empty' }
    for (const [key, v] of Object.entries(fields)) {
      const value = String(v?.value ?? '')
      // Field kinds are recognised by the key prefix the platform uses (thing1, phrase2 …).
      const limits: [RegExp, number][] = [[/^thing/, 20], [/^phrase/, 5], [/^name/, 10], [/^(number|letter|character_string)/, 32], [/^phone_number/, 17], [/^symbol/, 5], [/^car_number/, 8]]
      const limit = limits.find(([re]) => re.test(key))?.[1]
      if (limit !== undefined && [...value].length > limit) {
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value exceeds ${limit} characters` }
      }
    }
    const creditKey = `${touser}|${templateId}`
    const credits = this.subscribeCredits.get(creditKey) ?? 0
    if (credits <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    this.subscribeCredits.set(creditKey, credits - 1)
    this.stats.subscribeSend++
    this.outbox.push({
      at: new Date().toISOString(),
      api: 'subscribeMessage.send',
      touser,
      templateId,
      page: typeof data.page === 'string' ? data.page : undefined,
      data: fields as OutboxEntry['data'],
      miniprogramState: typeof data.miniprogram_state === 'string' ? data.miniprogram_state : undefined,
    })
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() }
  }
}
