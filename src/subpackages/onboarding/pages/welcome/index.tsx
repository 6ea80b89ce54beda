import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PurposeId } from '@domain/privacy/purposes'
import { PageShell } from '@/app-shell/PageShell'
import { loadPolicy, type ConsentItem, type NoticePurpose } from '@/features/consent/policy'
import { errorText } from '@/features/consent/messages'
import { isPlatformPrivacyAgreed, recordPlatformPrivacyAgreed } from '@/features/privacy/privacy-authorization'
import { openPrivacyContract } from '@/features/privacy/PrivacyPopup'
import { DEFAULT_CONTRACT_NAME } from '@/features/privacy/privacy-store'
import { loadSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ErrorState, ListRow, Loading } from '@/shared/ui'
import { ConsentChoices, type Decision } from './ConsentChoices'

type Step = 'checking' | 'privacy' | 'consent'

/**
 * First run, steps 1–2 (step 3, joining a unit, is the join page):
 *  1. the platform privacy guide (WeChat's own agreement, R5.2), agreed once on the page;
 *  2. the app's own optional purposes (R5.4: the platform agreement does not replace them), each
 *     with a one-line summary, its folded notice and two equal choices, nothing preselected (R4.3).
 * Everything can be skipped: without consents the person can still look around 首页 (PIPL Art. 16).
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

/**
 * Step 1: the guide itself, one agreement. The link opens the guide (wx.openPrivacyContract in
 * WeChat, the notice page in H5) and 同意并继续 is the agreement — in weapp an
 * openType="agreePrivacyAuthorization" button, so WeChat records it without a second popup
 * (issue #7 item 8). A deliberate agreement is never refused by the 10 s quiet period (item 7).
 */
function PlatformPrivacyStep({ onDone }: { onDone: () => void }) {
  const isWeapp = process.env.TARO_ENV === 'weapp'
  const agreed = () => {
    recordPlatformPrivacyAgreed()
    onDone()
  }
  return (
    <>
      <Card>
        <Text className='body-text notice-block'>{`邻里是社区居民、网格员、居委会和业委会共同使用的小程序。开始之前，请先阅读${DEFAULT_CONTRACT_NAME}。`}</Text>
        {/* A full row, not an inline link: a tap target of ≥ 3rem for older fingers (R6.2). */}
        <View className='list'>
          <ListRow id='onboarding-guide-link' title={`阅读${DEFAULT_CONTRACT_NAME}`} arrow onClick={openPrivacyContract} />
        </View>
        <Text className='body-text notice-block'>同意后，下一步您可以逐项选择愿意提供哪些信息；什么都不提供，也可以先逛逛首页的社区服务。</Text>
      </Card>
      <Button
        id='onboarding-privacy-btn'
        block
        openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
        onAgreePrivacyAuthorization={isWeapp ? agreed : undefined}
        onClick={isWeapp ? undefined : agreed}
      >
        同意并继续
      </Button>
      <Button id='onboarding-skip-btn' variant='secondary' block onClick={() => void finishToHome()}>
        暂不同意，先逛逛
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
  /** Saved without 房屋与家庭绑定: say what joining needs instead of leaving silently (issue #7 item 6). */
  const [withoutHousehold, setWithoutHousehold] = useState(false)

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

  const submit = async (chosen: Record<string, Decision> = decisions) => {
    setSaving(true)
    setProblem(null)
    try {
      // One call per purpose, with the tapped button's id as the channel: each consent is its own
      // record with its own evidence (R4.4), never a bundle.
      for (const p of state.purposes) {
        const decision = chosen[p.id]
        if (decision === 'agree') {
          await callCloud('consent', 'grant', { purposes: [p.id as PurposeId], policyVersion: state.policyVersion, channel: `consent-choice-${p.id}-agree` })
        } else if (decision === 'refuse') {
          await callCloud('consent', 'refuse', { purpose: p.id as PurposeId, policyVersion: state.policyVersion, channel: `consent-choice-${p.id}-refuse` })
        }
      }
      const household = chosen.household === 'agree' || state.items.some((i) => i.purposeId === 'household' && i.effective)
      if (household) await Taro.redirectTo({ url: ROUTES.joinUnit })
      else setWithoutHousehold(true)
    } catch (error) {
      setProblem(errorText(error))
    } finally {
      setSaving(false)
    }
  }

  if (withoutHousehold) {
    const household = state.purposes.find((p) => p.id === 'household')
    // The choices are saved; only joining needs more. Agreeing here is its own tapped choice.
    const joinAnyway = () => {
      const next: Record<string, Decision> = { household: 'agree' }
      setDecisions((prev) => ({ ...prev, ...next }))
      setWithoutHousehold(false)
      void submit(next)
    }
    return (
      <Card title='您的选择已保存' id='onboarding-no-household'>
        <Text className='body-text notice-block'>
          {`加入社区（绑定您的房屋）需要同意“${household?.title ?? '房屋与家庭绑定'}”：我们要记录您的社区、房屋和姓名，供网格员或居委会审核。`}
        </Text>
        <Text className='body-text notice-block'>不加入也可以先逛逛：首页的社区服务照常可以浏览，以后可在 我的 → 隐私设置 中开启。</Text>
        {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
        <Button id='onboarding-browse' block onClick={() => void finishToHome()}>
          先逛逛
        </Button>
        <Button id='onboarding-join-anyway' variant='secondary' block loading={saving} onClick={joinAnyway}>
          同意房屋绑定并加入社区
        </Button>
      </Card>
    )
  }

  return (
    <>
      <Text className='body-text notice-block'>
        以下每一项都是可选的，请逐项选择“同意”或“不同意”。不同意某一项，只影响这一项功能；点“查看详细说明”可以看到收集哪些信息、保存多久、提供给谁。
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
