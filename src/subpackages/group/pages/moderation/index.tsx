import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CallOutput } from '@/services/cloud'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import '../../components/group.scss'

type Item = CallOutput<'group', 'post.queue'>['items'][number]
type Action = 'PUBLISH' | 'HIDE' | 'REMOVE' | 'MUTE'
const LABEL: Record<Action, string> = { PUBLISH: '公开', HIDE: '隐藏', REMOVE: '删除', MUTE: '禁言3天' }

/** 内容审核 (group.moderate): held and reported posts and comments; every decision needs a reason, which the author sees. */
export default function ModerationPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState<Record<string, string>>({})
  const [note, setNote] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    callCloud('group', 'post.queue', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  const decide = async (i: Item, action: Action) => {
    try {
      await callCloud('group', 'post.moderate', { targetType: i.targetType, targetId: i.id, action, reason: reason[i.id] || (action === 'PUBLISH' ? '内容正常' : '违反群规'), ...(action === 'MUTE' ? { muteDays: 3 } : {}) })
      setNote(`已${LABEL[action]}`)
      load()
    } catch (e) {
      setNote(errorText(e))
    }
  }
  return (
    <PageShell title='内容审核' id='moderation-page'>
      <PageHeader title='内容审核' caption='待审核和被举报的内容' />
      {note ? <Text id='moderation-note' className='status-note body-text'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && !items.length ? <Empty title='没有待处理的内容' /> : null}
      {(items ?? []).map((i) => (
        <Card key={i.id} title={`${i.groupName} · ${i.targetType === 'post' ? '帖子' : '评论'}`} id={`queue-${i.id}`}>
          <Text className='caption' style={{ display: 'block' }}>{i.authorMasked} · {formatDateTime(i.createdAt)}{i.reports ? ` · ${i.reports} 人举报` : ''}</Text>
          <Text className='body-text' style={{ display: 'block' }}>{i.text}</Text>
          {i.note ? <Text className='caption' style={{ display: 'block' }}>{i.note}</Text> : null}
          <TextField id={`reason-${i.id}`} label='理由（作者可见）' value={reason[i.id] ?? ''} maxlength={200} onChange={(v) => setReason({ ...reason, [i.id]: v })} />
          <View className='compose-actions'>
            {(['PUBLISH', 'HIDE', 'REMOVE', 'MUTE'] as Action[]).map((a) => (
              <Button key={a} id={`moderate-${a.toLowerCase()}-${i.id}`} variant={a === 'PUBLISH' ? 'primary' : 'secondary'} onClick={() => void decide(i, a)}>{LABEL[a]}</Button>
            ))}
          </View>
        </Card>
      ))}
    </PageShell>
  )
}
