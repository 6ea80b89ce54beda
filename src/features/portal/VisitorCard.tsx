import { Text, View } from '@tarojs/components'
import { Button } from '@/shared/ui'

/**
 * What a visitor (先逛逛, no home yet) gets by joining — said plainly, with one way to join. The
 * public entries are in the grid above; nothing here pretends to be usable before joining.
 */
const UNLOCKS = ['查看本网格的网格员和监督电话，一键拨打', '接收社区和网格员发布的通知', '使用社区的预约、报修、议事等服务（陆续开放）']

export function VisitorCard({ title, onJoin, joinLabel }: { title: string; onJoin: () => void; joinLabel: string }) {
  return (
    <View id='join-empty' className='home-block card'>
      <Text className='card__title title'>{title}</Text>
      <Text className='body-text notice-block'>加入您所在的社区后，可以：</Text>
      <View id='join-unlocks' className='notice-block'>
        {UNLOCKS.map((u) => (
          <Text key={u} className='body-text unlock-line'>
            {`· ${u}`}
          </Text>
        ))}
      </View>
      <Text className='caption notice-block'>加入时只需选择房屋并填写姓名；是否留电话由您决定。</Text>
      <Button id='join-btn' block onClick={onJoin}>
        {joinLabel}
      </Button>
    </View>
  )
}
