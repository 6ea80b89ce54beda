import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText, isConsentDeclined } from '@/features/consent/messages'
import { loadSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDate } from '@/shared/lib/dates'
import { MEMBERSHIP_STATUS_LABELS, RELATION_LABELS } from '@/shared/lib/labels'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ConfirmSheet, Empty, ErrorState, Loading } from '@/shared/ui'
import { MinorsCard } from './MinorsCard'

type Membership = CallOutput<'household', 'listMine'>['memberships'][number]
type Minor = CallOutput<'household', 'listMine'>['minors'][number]
type State = { status: 'loading' } | { status: 'error'; message: string; calm: boolean } | { status: 'ready'; memberships: Membership[]; minors: Minor[] }

/** 我的房屋: applications and homes (household.listMine), binding another one, and leaving one (household.leave). */
export default function MyHouseholdsPage() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const [leaving, setLeaving] = useState<Membership | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const load = useCallback(() => {
    setState({ status: 'loading' })
    callCloud('household', 'listMine', {})
      .then(({ memberships, minors }) => setState({ status: 'ready', memberships: memberships.filter((m) => m.status !== 'LEFT'), minors }))
      .catch((error: unknown) => setState({ status: 'error', message: errorText(error), calm: isConsentDeclined(error) }))
  }, [])
  useEffect(load, [load])
  // Back from 绑定其他房屋: show the new application (not twice on the first show).
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) load()
    shown.current = true
  })

  const leave = async () => {
    if (!leaving) return
    setBusy(true)
    try {
      const r = await callCloud('household', 'leave', { memberId: leaving.id })
      setNote(r.result === 'deleted' ? `已退出 ${leaving.unitLabel}，相关信息已删除` : `已退出 ${leaving.unitLabel}；审核记录依法以去标识化形式保留`)
      setLeaving(null)
      load()
      void loadSession()
    } catch (error) {
      setNote(errorText(error))
      setLeaving(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='我的房屋' id='households-page'>
      {note ? <Text className='status-note body-text'>{note}</Text> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        state.calm ? (
          <Empty title='房屋功能未开启' description={state.message} />
        ) : (
          <ErrorState message={state.message} onRetry={load} />
        )
      ) : null}
      {state.status === 'ready' && state.memberships.length === 0 ? (
        <Empty
          title='还没有房屋'
          description='加入您所在的房屋后，可以接收本楼栋通知。'
          action={
            <Button id='households-join' block onClick={() => void Taro.navigateTo({ url: ROUTES.joinUnit })}>
              加入社区
            </Button>
          }
        />
      ) : null}
      {state.status === 'ready'
        ? state.memberships.map((m) => (
            <Card key={m.id} title={`${m.communityName} ${m.unitLabel}`} className='household-card'>
              <View>
                <Text className='tag'>{RELATION_LABELS[m.relation]}</Text>
                <Text className='tag'>{MEMBERSHIP_STATUS_LABELS[m.status]}</Text>
                {m.verified ? <Text className='tag'>业主身份已核验</Text> : null}
              </View>
              <Text className='caption notice-block'>{`申请日期：${formatDate(m.createdAt)}`}</Text>
              {m.reviewNote ? <Text className='body-text notice-block'>{`审核意见：${m.reviewNote}`}</Text> : null}
              <Button variant='secondary' block onClick={() => setLeaving(m)}>
                {m.status === 'APPLIED' ? '撤回申请' : '退出该房屋'}
              </Button>
            </Card>
          ))
        : null}
      {state.status === 'ready' && state.memberships.length > 0 ? (
        // A second home (two flats, a parent's flat): the same join flow (issue #7 item 18).
        <Button id='households-add' variant='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.joinUnit })}>
          绑定其他房屋
        </Button>
      ) : null}
      {state.status === 'ready' ? <MinorsCard minors={state.minors} homes={state.memberships} onChanged={load} /> : null}
      <ConfirmSheet
        open={leaving !== null}
        id='leave-sheet'
        title={leaving?.status === 'APPLIED' ? '撤回申请' : '退出房屋'}
        confirmText={leaving?.status === 'APPLIED' ? '撤回申请' : '确认退出'}
        danger
        busy={busy}
        onConfirm={() => void leave()}
        onCancel={() => setLeaving(null)}
      >
        <Text className='body-text'>
          {`${leaving?.unitLabel ?? ''}：退出后将不再接收该房屋的通知。未审核的申请会被删除；已审核的记录依法以去标识化形式保留。`}
        </Text>
      </ConfirmSheet>
    </PageShell>
  )
}
