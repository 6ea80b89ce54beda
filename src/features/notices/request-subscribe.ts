import Taro from '@tarojs/taro'

export type SubscribeAnswer = { templateId: string; result: 'accept' | 'reject' | 'ban' | 'filter' }

/**
 * wx.requestSubscribeMessage — must run inside the tap handler (R5.7), ≤ 3 templates of one kind
 * (the caller passes what subscribe.templates configured). Returns the per-template answers.
 */
export async function requestSubscribe(templateIds: string[]): Promise<SubscribeAnswer[]> {
  const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] } as never)) as unknown as Record<string, string>
  return templateIds.map((id) => ({ templateId: id, result: (['accept', 'reject', 'ban', 'filter'].includes(res[id]) ? res[id] : 'reject') as SubscribeAnswer['result'] }))
}
