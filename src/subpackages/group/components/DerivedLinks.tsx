import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DerivedView } from '@domain/group/contract'
import { DECISION_ROUTES } from './routes'

/** The surveys and owners' decisions made from a post or an agenda item: the link back (issue #13 §4). */
export function DerivedLinks({ items, actions = [], id }: { items: DerivedView[]; actions?: { id: string; title: string; status: string }[]; id: string }) {
  if (!items.length && !actions.length) return null
  const open = (d: DerivedView) => Taro.navigateTo({ url: `${d.kind === 'survey' ? DECISION_ROUTES.surveyOpen : DECISION_ROUTES.electionOpen}?id=${encodeURIComponent(d.id)}` })
  return (
    <View className='derived-links' id={id}>
      {items.map((d) => (
        <Text key={d.id} className='link body-text derived-link' onClick={() => void open(d)}>
          {d.kind === 'survey' ? '问卷' : '业主表决'}：{d.title} ›
        </Text>
      ))}
      {actions.map((a) => (
        <Text key={a.id} className='link body-text derived-link' onClick={() => void Taro.navigateTo({ url: DECISION_ROUTES.actions })}>
          你说我办：{a.title}（{a.status === 'DONE' ? '已办结' : a.status === 'IN_PROGRESS' ? '办理中' : '已立项'}） ›
        </Text>
      ))}
    </View>
  )
}
