import Taro, { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { Button, Card, PageHeader } from '@/shared/ui'
import { SURVEY_ROUTES } from '../../routes'

/** After submitting: what happens to the answers, in plain words. */
export default function ThanksPage() {
  const params = useRouter().params
  const held = Number(params.held ?? 0)
  const anonymous = params.anonymous === '1'
  return (
    <PageShell title='提交成功' id='survey-thanks-page'>
      <PageHeader title='感谢您的参与' />
      <Card>
        <Text className='body-text' id='survey-thanks-text'>
          {anonymous ? '您的回答已匿名保存：不记录您的账号、房屋和具体时间。' : '您的回答已保存。'}
        </Text>
        {held > 0 ? <Text className='body-text'>您的文字回答正在审核，通过后才会给工作人员看到。</Text> : null}
        <Button id='survey-thanks-back' block onClick={() => Taro.redirectTo({ url: SURVEY_ROUTES.list })}>
          返回问卷列表
        </Button>
      </Card>
    </PageShell>
  )
}
