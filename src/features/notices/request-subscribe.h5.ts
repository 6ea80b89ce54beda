import { getDevOpenid } from '@/features/dev-persona/persona-store'
import type { SubscribeAnswer } from './request-subscribe'

export type { SubscribeAnswer }

/**
 * H5 dev build: there is no WeChat subscription dialog in a browser, so the tap stands in for a
 * person who accepts, and tells the local cloud so (POST /__dev/subscribe, WeChat's client side of
 * requestSubscribeMessage): the platform then holds one credit per template for this persona, as
 * it would after a real accept, and the send after publishing lands in the outbox instead of 43101.
 */
export async function requestSubscribe(templateIds: string[]): Promise<SubscribeAnswer[]> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getDevOpenid()
  if (openid) headers['X-Dev-Openid'] = openid
  const response = await fetch('/__dev/subscribe', { method: 'POST', headers, body: JSON.stringify({ tmplIds: templateIds }) })
  const body = (await response.json().catch(() => ({}))) as Record<string, string>
  if (!response.ok) throw new Error(body.errMsg ?? `requestSubscribeMessage:fail HTTP ${response.status}`)
  return templateIds.map((templateId) => ({ templateId, result: body[templateId] === 'accept' ? ('accept' as const) : ('reject' as const) }))
}
