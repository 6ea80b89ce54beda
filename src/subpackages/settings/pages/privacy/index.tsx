import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PurposeId } from '@domain/privacy/purposes'
import { PageShell } from '@/app-shell/PageShell'
import { requestConsent } from '@/features/consent/ask-consent'
import { errorText } from '@/features/consent/messages'
import { loadPolicy, rememberTitles, type ConsentItem, type NoticePurpose } from '@/features/consent/policy'
import { PrivacyRefusedError, requirePrivacyAuthorize } from '@/features/privacy/privacy-authorization'
import { loadSession, useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, ConfirmSheet, ErrorState, ListRow, Loading, Toggle, PageHeader } from '@/shared/ui'
import { withdrawalConsequences, withdrawalDoneText, type Consequence } from './consequences'

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: ConsentItem[]; purposes: NoticePurpose[] }

const WITHDRAW_SHEET_ID = 'withdraw-sheet'

/**
 * 隐私设置 (R4.5): every purpose with its current state. Consent-based ones have a one-tap switch —
 * on opens the purpose's sheet (notice + explicit tick), off asks once what will be deleted and then
 * withdraws (processing stops at once, data deleted, PIPL Art. 15/47). Purposes on another legal
 * basis are listed as 依法履职/服务必需 without a switch. Opening one here is the person's own
 * choice, so the 48 h quiet period after a refusal does not apply to it.
 *
 * Withdrawing names its concrete consequences first ("您在 2栋301 的业主身份将解除…"), needs a
 * tick that they are understood, and afterwards says what happened in a toast and at the top of
 * the page, scrolled into view (issue #7 item 3). The page opens with a one-line summary (item 14).
 */
export default function PrivacySettingsPage() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const [withdrawing, setWithdrawing] = useState<NoticePurpose | null>(null)
  const [understood, setUnderstood] = useState(false)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [minors, setMinors] = useState(0)
  const session = useSession().data
  const consequences = withdrawing ? withdrawalConsequences(withdrawing.id, session, { minors }) : []

  const startWithdrawal = (purpose: NoticePurpose) => {
    setUnderstood(false)
    setMinors(0)
    setWithdrawing(purpose)
    // Children registered to the homes go with them: count them for the sheet (no sheet if it fails).
    if (purpose.id === 'household') {
      callCloud('household', 'listMine', {}, { askConsent: false })
        .then((r) => setMinors(r.minors.length))
        .catch(() => undefined)
    }
  }
  /** Said where the person is looking: a toast over the sheet's place, and the note at the top, scrolled to. */
  const tell = (text: string) => {
    setNote(text)
    void Taro.showToast({ title: text, icon: 'none', duration: 3000 })
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const load = useCallback(() => {
    Promise.all([callCloud('consent', 'status', {}), loadPolicy()])
      .then(([status, policy]) => {
        rememberTitles(policy)
        setState({ status: 'ready', items: status.items, purposes: policy.purposes })
      })
      .catch((error: unknown) => setState({ status: 'error', message: errorText(error) }))
  }, [])
  useEffect(load, [load])
  // Back from 我的数据 or another device's change: refresh, but not twice on the first show.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) load()
    shown.current = true
  })

  const turnOn = async (purpose: NoticePurpose) => {
    setNote(null)
    const result = await requestConsent(purpose.id, { mode: 'settings' })
    if (result === 'granted') {
      setNote(`已开启“${purpose.title}”`)
      load()
      void loadSession()
    }
  }

  const withdraw = async () => {
    // Deliberate: nothing is withdrawn without the tick, whatever the button's state.
    if (!withdrawing || !understood) return
    const said = consequences
    setBusy(true)
    try {
      const answer = await callCloud('consent', 'withdraw', { purpose: withdrawing.id as PurposeId, channel: `${WITHDRAW_SHEET_ID}-confirm` })
      const erased = Object.values(answer.erased).reduce((a, b) => a + b, 0)
      setState((prev) => (prev.status === 'ready' ? { ...prev, items: answer.items } : prev))
      setWithdrawing(null)
      tell(withdrawalDoneText(withdrawing.title, said, erased))
      void loadSession()
    } catch (error) {
      setWithdrawing(null)
      tell(errorText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='隐私设置' id='privacy-page'>
      <PageHeader title='隐私设置' intro='我们只为下列目的处理您的个人信息。可选项目可以随时开启或撤回，不影响其他功能。' />
      {note ? (
        <Text id='privacy-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}

      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={load} /> : null}
      {state.status === 'ready' ? <PrivacySummary items={state.items} /> : null}
      {state.status === 'ready'
        ? state.purposes.map((purpose) => {
            const item = state.items.find((i) => i.purposeId === purpose.id)
            return item ? (
              <PurposeCard key={purpose.id} purpose={purpose} item={item} onTurnOn={() => void turnOn(purpose)} onTurnOff={() => startWithdrawal(purpose)} />
            ) : null
          })
        : null}

      <Text className='section-title'>您的权利</Text>
      <View className='list'>
        <ListRow id='notice-row' title='完整隐私说明' description='处理规则、收集清单、对外提供清单' arrow onClick={() => void Taro.navigateTo({ url: ROUTES.privacyNotice })} />
        <ListRow id='my-data-row' title='我的数据' description='下载副本、注销账号' arrow onClick={() => void Taro.navigateTo({ url: ROUTES.myData })} />
        <ListRow id='access-log-row' title='谁看过我的数据' arrow onClick={() => void Taro.navigateTo({ url: ROUTES.accessLog })} />
      </View>
      <View className='spacer' />

      {process.env.TARO_ENV === 'weapp' ? (
        <Button id='open-contract-btn' variant='secondary' block onClick={() => Taro.openPrivacyContract({})}>
          查看小程序隐私保护指引
        </Button>
      ) : null}
      <Button id='privacy-check-btn' variant='secondary' block onClick={() => void checkPlatformAuthorization()}>
        检查隐私授权状态
      </Button>

      <ConfirmSheet
        open={withdrawing !== null}
        id={WITHDRAW_SHEET_ID}
        title={`撤回同意：${withdrawing?.title ?? ''}`}
        confirmText='撤回并删除'
        danger
        busy={busy}
        confirmDisabled={!understood}
        acknowledge={
          <Checkbox id='withdraw-understood' checked={understood} onChange={setUnderstood} disabled={busy}>
            我已了解撤回的后果，仍要撤回
          </Checkbox>
        }
        onConfirm={() => void withdraw()}
        onCancel={() => setWithdrawing(null)}
      >
        {withdrawing ? <WithdrawExplanation purpose={withdrawing} consequences={consequences} /> : null}
      </ConfirmSheet>
    </PageShell>
  )
}

const STATE_LABELS: Record<ConsentItem['state'], string> = {
  GRANTED: '已同意',
  REFUSED: '已拒绝',
  WITHDRAWN: '已撤回',
  NOT_ASKED: '未选择',
  NOT_REQUIRED: '依法履职/服务必需',
}

function PurposeCard({ purpose, item, onTurnOn, onTurnOff }: { purpose: NoticePurpose; item: ConsentItem; onTurnOn: () => void; onTurnOff: () => void }) {
  const stale = item.state === 'GRANTED' && !item.current
  const label = stale ? '说明已更新，需重新确认' : STATE_LABELS[item.state]
  return (
    <Card title={purpose.title} className='purpose-card' id={`purpose-${purpose.id}`}>
      <Text className='body-text notice-block'>{purpose.description}</Text>
      {purpose.sensitive ? <Text className='tag'>敏感个人信息</Text> : null}
      {item.toggleable ? (
        <View className='list'>
          <ListRow
            id={`consent-toggle-${purpose.id}`}
            className='consent-toggle'
            role='switch'
            checked={item.effective}
            title={item.effective ? '已开启' : '已关闭'}
            description={item.effective ? '点按可撤回同意' : `${label}；点按开启`}
            extra={<Toggle on={item.effective} />}
            onClick={item.effective ? onTurnOff : onTurnOn}
          />
        </View>
      ) : (
        <Text className='tag' id={`purpose-basis-${purpose.id}`}>
          依法履职/服务必需
        </Text>
      )}
      <Text className='caption' style={{ display: 'block' }}>
        处理依据：{purpose.legalBasisLabel}
      </Text>
      <Text className='caption' style={{ display: 'block' }}>
        保存期限：{purpose.retention}
      </Text>
      <Text className='caption' style={{ display: 'block' }}>
        不提供的影响：{purpose.withoutIt}
      </Text>
      {item.state === 'REFUSED' && item.askAfter ? (
        <Text className='caption' style={{ display: 'block' }}>
          {`您拒绝后，我们在 ${formatDateTime(item.askAfter)} 前不会再主动询问；您可以随时在这里开启。`}
        </Text>
      ) : null}
    </Card>
  )
}

/** 隐私设置 opens with where the person stands (issue #7 item 14). */
function PrivacySummary({ items }: { items: ConsentItem[] }) {
  const optional = items.filter((i) => i.toggleable)
  const on = optional.filter((i) => i.effective).length
  return (
    <Text id='privacy-summary' className='title notice-block'>
      {on > 0 ? `已开启 ${on} 项，可随时关闭` : `${optional.length} 项可选授权都未开启，可随时开启`}
    </Text>
  )
}

/** What withdrawing does to this person, and which data it deletes, said before it happens (R4.5). */
function WithdrawExplanation({ purpose, consequences }: { purpose: NoticePurpose; consequences: Consequence[] }) {
  return (
    <View>
      {consequences.length > 0 ? (
        <View id='withdraw-consequences' className='notice-block notice-sensitive'>
          {consequences.map((c) => (
            <Text key={c.before} className='body-text notice-block'>{`· ${c.before}`}</Text>
          ))}
        </View>
      ) : null}
      <Text className='body-text notice-block'>撤回后，我们会立即停止处理，并删除以下信息：</Text>
      <Text className='body-text notice-block'>{purpose.fields.map((f) => f.label).join('、')}</Text>
      <Text className='body-text notice-block'>{`撤回后：${purpose.withoutIt}。`}</Text>
      <Text className='caption'>撤回不影响撤回前已进行的处理；依法需要保留的审核记录只以去标识化形式保存。您以后可以随时重新开启。</Text>
    </View>
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
