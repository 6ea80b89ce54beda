import { useCallback, useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CallOutput } from '@/services/cloud'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ModerateBox } from '../../components/ModerateBox'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

type Item = CallOutput<'group', 'post.queue'>['items'][number]
/**
 * 内容审核 (group.moderate): held and reported posts and comments, oldest first. Every step needs a
 * reason, which the author reads on the item (R5.8); a mute is for a period the moderator picks.
 */
export default function ModerationPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('group', 'post.queue', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
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
          <ModerateBox targetType={i.targetType} targetId={i.id} onDone={(m) => { setNote(m); load() }} />
        </Card>
      ))}
    </PageShell>
  )
}
