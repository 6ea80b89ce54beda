import type { SubscribeAnswer } from './request-subscribe'

export type { SubscribeAnswer }

/**
 * H5 has no WeChat subscription dialog: the browser stands in for a person who accepts. The local
 * cloud's platform side holds no credit for them, so a send answers 43101 — the production failure.
 */
export async function requestSubscribe(templateIds: string[]): Promise<SubscribeAnswer[]> {
  return templateIds.map((templateId) => ({ templateId, result: 'accept' as const }))
}
