import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PurposeId } from '@domain/privacy/purposes'
import { PageShell } from '@/app-shell/PageShell'
import { loadPolicy, type ConsentItem, type NoticePurpose } from '@/features/consent/policy'
import { errorText } from '@/features/consent/messages'
import { isPlatformPrivacyAgreed, PrivacyRefusedError, requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'
import { loadSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ErrorState, Loading } from '@/shared/ui'
import { ConsentChoices, type Decision } from './ConsentChoices'

type Step = 'checking' | 'privacy' | 'consent'

/**
 * First run, steps 1–2 (step 3, joining a unit, is the join page):
 *  1. the platform privacy guide (WeChat's own agreement, R5.2) via requirePrivacyAuthorize;
 *  2. the app's own optional purposes (R5.4: the platform agreement does not replace them), each
 *     with its notice and two equal choices, nothing preselected (R4.3).
 * Everything can be skipped: without consents the app still shows notices (PIPL Art. 16).
 */
export default function WelcomePage() {
  const [step, setStep] = useState<Step>('checking')

  useEffect(() => {
    void isPlatformPrivacyAgreed().then((agreed) => setStep(agreed ? 'consent' : 'privacy'))
  }, [])

  return (
    <PageShell title='欢迎使用邻里' id='onboarding-page'>
      <View className='page-header'>
        <Text className='caption'>第 {step === 'consent' ? 2 : 1} 步，共 3 步</Text>
        <Text className='heading'>{step === 'consent' ? '选择您愿意提供的信息' : '欢迎使用邻里'}</Text>
      </View>
      {step === 'checking' ? <Loading /> : null}
      {step === 'privacy' ? <PlatformPrivacyStep onDone={() => setStep('consent')} /> : null}
      {step === 'consent' ? <PurposeStep /> : null}
    </PageShell>
  )
}

function PlatformPrivacyStep({ onDone }: { onDone: () => void }) {
  const [note, setNote] = useState<string | null>(null)
  const agree = async () => {
    try {
      await requirePrivacyAuthorize()
      onDone()
    } catch (error) {
      setNote(error instanceof PrivacyRefusedError ? `${error.message}。您仍可以先逛逛，浏览社区通知。` : '暂时无法完成，请稍后重试')
    }
  }
  return (
    <>
      <Card>
        <Text className='body-text notice-block'>
          邻里是社区居民、网格员、居委会和业委会共同使用的小程序。开始之前，请先阅读《邻里小程序隐私保护指引》。
        </Text>
        <Text className='body-text notice-block'>下一步您可以逐项选择愿意提供哪些信息，不提供也能浏览社区通知。</Text>
        {note ? <Text className='status-note body-text'>{note}</Text> : null}
      </Card>
      <Button id='onboarding-privacy-btn' block onClick={() => void agree()}>
        阅读并同意隐私保护指引
      </Button>
      <Button id='onboarding-skip-btn' variant='secondary' block onClick={() => void finishToHome()}>
        暂不设置，先逛逛
      </Button>
    </>
  )
}

/** Optional, non-sensitive purposes are chosen here; sensitive ones are asked one by one when needed. */
function PurposeStep() {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; purposes: NoticePurpose[]; items: ConsentItem[]; policyVersion: string }
  >({ status: 'loading' })
  const [decisions, setDecisions] = useState<Record<string, Decision>>({})
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const load = () => {
    setState({ status: 'loading' })
    Promise.all([loadPolicy(), callCloud('consent', 'status', {})])
      .then(([policy, status]) =>
        setState({
          status: 'ready',
          policyVersion: policy.policyVersion,
          purposes: policy.purposes.filter((p) => p.toggleable && p.optional && !p.separateConsent),
          items: status.items,
        }),
      )
      .catch((error: unknown) => setState({ status: 'error', message: errorText(error) }))
  }
  useEffect(load, [])

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={load} />

  const submit = async () => {
    setSaving(true)
    setProblem(null)
    try {
      // One call per purpose, with the tapped button's id as the channel: each consent is its own
      // record with its own evidence (R4.4), never a bundle.
      for (const p of state.purposes) {
        const decision = decisions[p.id]
        if (decision === 'agree') {
          await callCloud('consent', 'grant', { purposes: [p.id as PurposeId], policyVersion: state.policyVersion, channel: `consent-choice-${p.id}-agree` })
        } else if (decision === 'refuse') {
          await callCloud('consent', 'refuse', { purpose: p.id as PurposeId, policyVersion: state.policyVersion, channel: `consent-choice-${p.id}-refuse` })
        }
      }
      const household = decisions.household === 'agree' || state.items.some((i) => i.purposeId === 'household' && i.effective)
      if (household) await Taro.redirectTo({ url: ROUTES.joinUnit })
      else await finishToHome()
    } catch (error) {
      setProblem(errorText(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <Text className='body-text notice-block'>
        以下每一项都是可选的，请逐项选择“同意”或“不同意”。不同意某一项，只影响这一项功能。
      </Text>
      <ConsentChoices purposes={state.purposes} items={state.items} decisions={decisions} onDecide={(id, d) => setDecisions((prev) => ({ ...prev, [id]: d }))} />
      <Text className='caption notice-block'>
        身份证号等敏感个人信息不会在这里收集：只有在您使用业主身份核验等功能时，才会单独征求您的同意。账号信息和访问记录依法或为提供服务所必需，详见隐私说明。
      </Text>
      {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
      <Button id='onboarding-consent-submit' block loading={saving} onClick={() => void submit()}>
        确认并继续
      </Button>
      <Button id='onboarding-notice-btn' variant='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.privacyNotice })}>
        查看完整隐私说明
      </Button>
    </>
  )
}

async function finishToHome(): Promise<void> {
  void loadSession()
  await Taro.switchTab({ url: ROUTES.home })
}
