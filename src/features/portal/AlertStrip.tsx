import { Text, View } from '@tarojs/components'
import type { AlertItem } from './portal-model'
import { openUrl } from './open-url'

/**
 * The 紧急/unread strip at the top of 首页, fed by the features' `alerts`; absent when there are
 * none. Urgency is said in words (紧急), never by colour alone (R6.5).
 */
export function AlertStrip({ alerts }: { alerts: AlertItem[] }) {
  if (alerts.length === 0) return null
  return (
    <View id='home-alerts' className='home-block alert-strip' ariaRole='list'>
      {alerts.map((a) => (
        <View
          key={`${a.key}:${a.id}`}
          id={`home-alert-${a.id}`}
          className={a.urgent ? 'alert-strip__item alert-strip__item--urgent' : 'alert-strip__item'}
          ariaRole='link'
          hoverClass='list-row--hover'
          onClick={() => openUrl(a.url)}
        >
          <Text className={a.urgent ? 'alert-strip__tag alert-strip__tag--urgent' : 'alert-strip__tag'}>{a.urgent ? '紧急' : '未读'}</Text>
          <Text className='alert-strip__title body-text'>{a.title}</Text>
          <Text className='list-row__arrow' aria-hidden>›</Text>
        </View>
      ))}
    </View>
  )
}
