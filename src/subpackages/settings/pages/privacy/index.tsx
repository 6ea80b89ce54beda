import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PURPOSES, type LegalBasis } from '@domain/privacy/purposes'
import { PageShell } from '@/app-shell/PageShell'
import { PrivacyRefusedError, requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'
import { Button, Card } from '@/shared/ui'

const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  CONSENT: '征得您的同意',
  SEPARATE_CONSENT: '征得您的单独同意',
  CONTRACT: '提供您要求的服务所必需',
  LEGAL_DUTY: '履行法定职责或义务',
  EMERGENCY: '应对突发事件、保护生命健康',
}

/**
 * What personal information is used for what (R4.1), generated from the purpose registry in
 * domain/privacy so it always matches the server. Consent switches arrive with the consent store.
 */
export default function PrivacySettingsPage() {
  return (
    <PageShell title='隐私设置' id='privacy-page'>
      <View className='page-header'>
        <Text className='heading'>隐私设置</Text>
        <Text className='body-text'>我们只为下列目的处理您的个人信息。可选项目您可以拒绝，不影响其他功能。</Text>
      </View>

      {PURPOSES.map((purpose) => (
        <Card key={purpose.id} title={purpose.title} className='purpose-card'>
          <Text className='body-text'>{purpose.description}</Text>
          <View className='spacer' />
          <Text className='tag'>{purpose.optional ? '可选' : '必需'}</Text>
          {purpose.sensitive ? <Text className='tag'>敏感个人信息</Text> : null}
          <Text className='caption' style={{ display: 'block' }}>
            处理依据：{LEGAL_BASIS_LABELS[purpose.legalBasis]}
          </Text>
          <Text className='caption' style={{ display: 'block' }}>
            保存期限：{purpose.retention}
          </Text>
          <Text className='caption' style={{ display: 'block' }}>
            不提供的影响：{purpose.withoutIt}
          </Text>
        </Card>
      ))}

      {process.env.TARO_ENV === 'weapp' ? (
        <Button id='open-contract-btn' variant='secondary' block onClick={() => Taro.openPrivacyContract({})}>
          查看小程序隐私保护指引
        </Button>
      ) : null}
      <Button id='privacy-check-btn' variant='secondary' block onClick={() => void checkPlatformAuthorization()}>
        检查隐私授权状态
      </Button>
    </PageShell>
  )
}

async function checkPlatformAuthorization(): Promise<void> {
  try {
    await requirePrivacyAuthorize()
    void Taro.showToast({ title: '您已同意隐私保护指引', icon: 'none' })
  } catch (error) {
    const message = error instanceof PrivacyRefusedError ? error.message : '暂时无法检查，请稍后再试'
    void Taro.showToast({ title: message, icon: 'none' })
  }
}
