import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { loadPolicy, type PrivacyPolicy } from '@/features/consent/policy'
import { PurposeNotice } from '@/features/consent/PurposeNotice'
import { Card, ErrorState, Loading, PageHeader } from '@/shared/ui'

/**
 * The full privacy notice (个人信息处理规则), rendered from consent.policy — generated from the
 * purpose registry, so it always matches what the code does (R4.1, PIPL Art. 17, 网络数据安全管理条例
 * Art. 21: purposes, lists of data collected and provided, retention, rights).
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
      <PageHeader title='个人信息处理规则' caption={policy ? `处理者：${policy.controller} · 版本 ${policy.policyVersion}` : undefined} />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!policy && !error ? <Loading /> : null}
      {policy ? (
        <>
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
