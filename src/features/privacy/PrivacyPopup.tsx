import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Sheet } from '@/shared/ui'
import { belongsToPage } from '@/shared/lib/active-page'
import { ROUTES } from '@/shared/lib/routes'
import { AGREE_BUTTON_ID, settlePrivacyPrompt, usePrivacyPrompt } from './privacy-store'

/**
 * The app's own platform-privacy popup (R5.2), shown for whatever prompt is pending. Both buttons
 * settle it, and so does leaving it open when another prompt arrives, so WeChat's resolve() is
 * always called. ✕ and a tap outside count as 不同意 (nothing is agreed by closing).
 */
export function PrivacyPopup({ pageKey }: { pageKey?: string }) {
  const prompt = usePrivacyPrompt()
  if (!prompt || !belongsToPage(prompt.owner, pageKey)) return null

  const isWeapp = process.env.TARO_ENV === 'weapp'
  const agree = () => settlePrivacyPrompt('agree')
  const disagree = () => settlePrivacyPrompt('disagree')

  return (
    <Sheet
      open
      id='privacy-popup'
      title='用户隐私保护提示'
      // Closing is not agreeing: WeChat gets resolve({ event: 'disagree' }).
      onClose={disagree}
      footer={
        <>
          <Button
            id={AGREE_BUTTON_ID}
            block
            openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
            // weapp: resolve only after WeChat has recorded the agreement (bindagreeprivacyauthorization).
            onAgreePrivacyAuthorization={isWeapp ? agree : undefined}
            onClick={isWeapp ? undefined : agree}
          >
            同意并继续
          </Button>
          <Button id='disagree-btn' variant='secondary' block onClick={disagree}>
            不同意
          </Button>
        </>
      }
    >
      <Text className='body-text'>
        在使用该功能前，请您仔细阅读
        <Text id='privacy-contract-link' className='link' onClick={openPrivacyContract}>
          {prompt.contractName}
        </Text>
        。如您同意，请点击“同意并继续”；如不同意，该功能将无法使用，其他功能不受影响。
      </Text>
      <View className='spacer' />
    </Sheet>
  )
}

/** The guide itself: WeChat's own page in weapp, our notice page in H5 (issue #7 item 8). */
export function openPrivacyContract(): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.openPrivacyContract({})
    return
  }
  void Taro.navigateTo({ url: ROUTES.privacyNotice })
}
