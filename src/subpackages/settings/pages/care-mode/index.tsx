import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { CareModeRow } from '@/features/care-mode/CareModeRow'
import { useTheme } from '@/features/care-mode/care-mode-store'
import { Button, Card, PageHeader } from '@/shared/ui'

/** 长辈版 settings (MIIT 适老化 3.1: the entry sits in settings; aliases 亲情版/关爱版/关怀版). */
export default function CareModeSettingsPage() {
  const theme = useTheme()
  return (
    <PageShell title='长辈版' id='care-mode-page'>
      <PageHeader title='长辈版' intro='长辈版也叫亲情版、关爱版、关怀版。开启后文字更大、按钮更大，操作更从容，页面内容不变，也不会出现广告。' />

      <View className='list'>
        <CareModeRow />
      </View>

      <Text className='section-title'>效果预览</Text>
      <Card id='care-preview'>
        <Text className='title'>社区通知示例</Text>
        <Text className='body-text'>本周六上午九点，社区活动室开展免费义诊，欢迎居民参加。</Text>
        <View className='spacer' />
        <Button id='care-preview-btn' block onClick={() => undefined}>
          示例按钮
        </Button>
        <View className='spacer' />
        <Text id='care-sizes' className='caption'>
          当前正文 {theme.bodyPx}px，标题 {theme.headingPx}px，按钮和列表行高至少 {theme.tapTargetPx}px
        </Text>
      </Card>

      <Text className='caption'>如果您在微信“设置 → 通用 → 字体大小”中调大了字体，本小程序会跟随放大。</Text>
    </PageShell>
  )
}
