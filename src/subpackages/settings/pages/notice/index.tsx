import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { loadPolicy, type PrivacyPolicy } from '@/features/consent/policy'
import { NoticeLine, PurposeNotice } from '@/features/consent/PurposeNotice'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ErrorState, Loading, PageHeader } from '@/shared/ui'

/**
 * The full privacy notice (个人信息处理规则), rendered from consent.policy — generated from the
 * purpose registry, so it always matches what the code does (R4.1, PIPL Art. 17, 网络数据安全管理条例
 * Art. 21: purposes, lists of data collected and provided, retention, rights). It opens with who
 * processes the data and how to reach them — configured per deployment (PIPL Art. 17) — and the
 * rights point to where they are exercised (我的数据).
 */
export default function PrivacyNoticePage() {
  const [policy, setPolicy] = useState<PrivacyPolicy | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () => {
    setError(null)
    loadPolicy()
      .then(setPolicy)
      .catch((e: unknown) => setError(errorText(e)))
  }
  useEffect(load, [])

  return (
    <PageShell title='隐私说明' id='notice-page'>
      <PageHeader title='个人信息处理规则' caption={policy ? `版本 ${policy.policyLabel}` : undefined} />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!policy && !error ? <Loading /> : null}
      {policy ? (
        <>
          <Card title='谁处理您的信息' id='notice-operator'>
            <NoticeLine label='运营方（个人信息处理者）' value={policy.controller} />
            {policy.operator ? (
              <>
                <NoticeLine label='联系方式' value={policy.operator.contact} />
                {policy.operator.address ? <NoticeLine label='地址' value={policy.operator.address} /> : null}
                {policy.operator.officer ? <NoticeLine label='个人信息保护负责人' value={policy.operator.officer} /> : null}
              </>
            ) : null}
            <Text className='caption'>对个人信息处理有疑问、要求或投诉，可以通过以上方式联系我们，也可以向网信部门投诉。</Text>
          </Card>
          {policy.purposes.map((p) => (
            <Card key={p.id} title={p.title} className='notice-purpose'>
              <Text className='tag'>{p.toggleable ? (p.separateConsent ? '需单独同意' : '需您同意，可撤回') : '依法履职/服务必需'}</Text>
              <PurposeNotice purpose={p} />
            </Card>
          ))}
          <Card title='您的权利'>
            {policy.rights.map((r) => (
              <Text key={r} className='body-text notice-block'>{`· ${r}`}</Text>
            ))}
            <Button id='notice-my-data' variant='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.myData })}>
              前往我的数据
            </Button>
          </Card>
          <Card title='收集的个人信息清单'>
            {policy.collectedList.map((c) => (
              <View key={c.field} className='notice-line'>
                <Text className='body-text'>{c.field}</Text>
                <Text className='caption'>{`用于：${c.purposes.join('、')}`}</Text>
              </View>
            ))}
          </Card>
          <Card title='向他人提供的清单'>
            {policy.providedList.map((c) => (
              <View key={c.recipient} className='notice-line'>
                <Text className='body-text'>{c.recipient}</Text>
                <Text className='caption'>{`涉及：${c.purposes.join('、')}`}</Text>
              </View>
            ))}
          </Card>
        </>
      ) : null}
    </PageShell>
  )
}
