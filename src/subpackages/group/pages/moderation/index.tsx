import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CallOutput } from '@/services/cloud'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Choice, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ReasonPicker } from '../../components/ReasonPicker'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

type Item = CallOutput<'group', 'post.queue'>['items'][number]
type Action = 'PUBLISH' | 'HIDE' | 'REMOVE' | 'MUTE' | 'EXPEL'
const LABEL: Record<Action, string> = { PUBLISH: '公开', HIDE: '隐藏', REMOVE: '删除', MUTE: '禁言', EXPEL: '移出本群' }
const DONE: Record<Action, string> = { PUBLISH: '已公开', HIDE: '已隐藏', REMOVE: '已删除', MUTE: '已禁言', EXPEL: '已移出本群' }
const PRESETS = ['内容正常', '广告推销', '人身攻击', '不实信息', '与本群无关', '泄露他人隐私'] as const
const MUTE_DAYS = [1, 3, 7, 30] as const

/**
 * 内容审核 (group.moderate): held and reported posts and comments, oldest first. Every step needs a
 * reason, which the author reads on the item (R5.8); a mute is for a period the moderator picks.
 */
export default function ModerationPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState<Record<string, string>>({})
  const [days, setDays] = useState<Record<string, number>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('group', 'post.queue', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  const decide = async (i: Item, action: Action) => {
    const why = (reason[i.id] ?? '').trim()
    if (!why) return setNote('请先选择或写明理由，作者会看到')
    setBusy(`${i.id}-${action}`)
    setNote(null)
    try {
      const muteDays = days[i.id] ?? 3
      await callCloud('group', 'post.moderate', { targetType: i.targetType, targetId: i.id, action, reason: why, ...(action === 'MUTE' ? { muteDays } : {}) })
      setNote(action === 'MUTE' ? `已禁言 ${muteDays} 天` : DONE[action])
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <PageShell title='内容审核' id='moderation-page'>
      <PageHeader title='内容审核' caption='待审核和被举报的帖子、评论；处理理由作者可以看到' />
      {note ? <Text id='moderation-note' className='status-note body-text'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <Empty title='没有待处理的内容' /> : null}
      {(items ?? []).map((i) => (
        <Card key={i.id} title={`${i.groupName} · ${i.targetType === 'post' ? '帖子' : '评论'}`} id={`queue-${i.id}`}>
          <Text className='caption' style={{ display: 'block' }}>
            {i.authorMasked} · {formatDateTime(i.createdAt)}
            {i.reports ? ` · ${i.reports} 人举报` : ''}
            {i.status === 'HELD' ? ' · 待审核' : ''}
          </Text>
          <Text className='body-text post-card__text'>{i.text}</Text>
          {i.note ? <Text className='caption' style={{ display: 'block' }}>{i.note}</Text> : null}
          {i.targetType === 'post' ? (
            <Text className='link caption' onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.post}?id=${i.id}` })}>查看帖子和评论</Text>
          ) : null}
          <ReasonPicker id={`reason-${i.id}`} presets={PRESETS} value={reason[i.id] ?? ''} onChange={(v) => setReason({ ...reason, [i.id]: v })} />
          <View className='compose-actions'>
            {(['PUBLISH', 'HIDE', 'REMOVE'] as Action[]).map((a) => (
              <Button key={a} id={`moderate-${a.toLowerCase()}-${i.id}`} variant={a === 'PUBLISH' ? 'primary' : 'secondary'} loading={busy === `${i.id}-${a}`} onClick={() => void decide(i, a)}>
                {LABEL[a]}
              </Button>
            ))}
          </View>
          <Text className='caption'>对作者：</Text>
          <View className='choice-grid'>
            {MUTE_DAYS.map((d) => (
              <Choice key={d} id={`mute-days-${d}-${i.id}`} label={`${d} 天`} on={(days[i.id] ?? 3) === d} onClick={() => setDays({ ...days, [i.id]: d })} />
            ))}
          </View>
          <View className='compose-actions'>
            <Button id={`moderate-mute-${i.id}`} variant='secondary' loading={busy === `${i.id}-MUTE`} onClick={() => void decide(i, 'MUTE')}>禁言 {days[i.id] ?? 3} 天</Button>
            <Button id={`moderate-expel-${i.id}`} variant='secondary' loading={busy === `${i.id}-EXPEL`} onClick={() => void decide(i, 'EXPEL')}>{LABEL.EXPEL}</Button>
          </View>
        </Card>
      ))}
    </PageShell>
  )
}
