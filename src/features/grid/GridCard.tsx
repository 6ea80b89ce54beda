import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card } from '@/shared/ui'

type GridCardData = CallOutput<'community', 'myGridCard'>['cards'][number]

/**
 * R7.1: the resident's grid — its name and area, the grid worker's name and (masked) phone with a
 * call button, and the supervision hotline. Shown for approved homes only; the server decides
 * which grids those are. The number dialled is the worker's published contact (not a reveal).
 */
export function GridCards({ communityId, reloadKey, className }: { communityId: string | null; reloadKey: unknown; className?: string }) {
  const [cards, setCards] = useState<GridCardData[]>([])

  useEffect(() => {
    let alive = true
    callCloud('community', 'myGridCard', communityId ? { communityId } : {})
      .then((r) => alive && setCards(Array.isArray(r.cards) ? r.cards : []))
      // The card is a convenience on the home page: a failure leaves it out rather than erroring the page.
      .catch(() => alive && setCards([]))
    return () => {
      alive = false
    }
  }, [communityId, reloadKey])

  if (cards.length === 0) return null
  return (
    <>
      {cards.map((c) => (
        <Card key={c.gridId} title={`我的网格：${c.gridName}`} id={`grid-card-${c.gridId}`} className={className ? `grid-card ${className}` : 'grid-card'}>
          <Text className='caption notice-block'>{`服务范围：${c.unitLabel} 所在网格，共 ${c.households} 户`}</Text>
          <View className='grid-card__row'>
            <View className='grid-card__who'>
              <Text className='body-text'>{`网格员：${c.workerName}`}</Text>
              <Text className='caption phone-number'>{`电话：${c.workerPhoneMasked}`}</Text>
            </View>
            <Button id={`grid-call-${c.gridId}`} variant='secondary' className='call-btn' onClick={() => dial(c.workerTel)}>
              拨打
            </Button>
          </View>
          <View className='grid-card__row'>
            <View className='grid-card__who'>
              <Text className='body-text'>监督电话</Text>
              <Text className='caption phone-number'>{c.supervisorHotline}</Text>
            </View>
            <Button id={`grid-hotline-${c.gridId}`} variant='secondary' className='call-btn' onClick={() => dial(c.supervisorHotline)}>
              拨打
            </Button>
          </View>
        </Card>
      ))}
    </>
  )
}

function dial(phoneNumber: string): void {
  // makePhoneCall opens the system dialer with the number; the person still confirms the call.
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}
