import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell, withPullDownRefresh } from '@/app-shell/PageShell'
import { SessionGate } from '@/app-shell/SessionGate'
import { loadSession, useSession } from '@/features/session/session-store'
import { refreshNoticeBadge } from '@/features/notices/badge'
import { useInbox, type InboxItem } from '@/features/notices/use-inbox'
import { ROUTES } from '@/shared/lib/routes'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Choice, Empty, ErrorState, ListRow, Loading } from '@/shared/ui'
import { CATEGORY_LABELS, NOTICE_CATEGORIES, type NoticeCategory } from '@domain/notice/model'

/** State in words, never by colour alone (R6.5). */
function stateText(n: InboxItem): string {
  const parts = [n.read ? '已读' : '未读']
  if (n.ackRequired) parts.push(n.acknowledged ? '已确认' : '需确认')
  if (n.updated) parts.push('内容已更新')
  return parts.join(' · ')
}

/** The notice board, the primary channel (R5.6): notices addressed to my households, 紧急 pinned. */
export default function NoticesPage() {
  const session = useSession()
  const [category, setCategory] = useState<NoticeCategory | null>(null)
  const inbox = useInbox(category)
  const { reload } = inbox
  useEffect(reload, [reload])
  useDidShow(() => {
    reload()
    void refreshNoticeBadge()
  })
  usePullDownRefresh(() => void withPullDownRefresh(async () => Promise.all([loadSession(), reload()])))
  useReachBottom(() => inbox.hasMore && inbox.status !== 'loading' && inbox.more())

  const communityId = session.data?.currentCommunity?.id
  const canPublish = !!communityId && (session.data?.capabilities[communityId] ?? []).includes('notice.publish')

  return (
    <PageShell title='通知' id='notices-page'>
      <SessionGate session={session}>
        {(data) => (
          <>
            {canPublish ? (
              <View className='btn-row' id='notice-staff-entries'>
                <Button id='notice-compose-btn' onClick={() => void Taro.navigateTo({ url: ROUTES.gridCompose })}>
                  发布通知
                </Button>
                <Button id='notice-mine-btn' variant='secondary' onClick={() => void Taro.navigateTo({ url: ROUTES.gridMine })}>
                  我发布的通知
                </Button>
              </View>
            ) : null}
            <View className='choice-grid' id='notice-filters' ariaRole='radiogroup'>
              <Choice id='notice-filter-all' label='全部' on={category === null} onClick={() => setCategory(null)} />
              {NOTICE_CATEGORIES.map((c) => (
                <Choice key={c} id={`notice-filter-${c}`} label={CATEGORY_LABELS[c]} on={category === c} onClick={() => setCategory(c)} />
              ))}
            </View>
            {inbox.status === 'error' ? <ErrorState message={inbox.message} onRetry={reload} /> : null}
            {inbox.status === 'ready' && inbox.items.length === 0 ? (
              <Empty
                id='notices-empty'
                title='暂无通知'
                description={data.currentCommunity ? `${data.currentCommunity.name}发给您家的通知会显示在这里。` : '加入社区后，社区发布的通知会显示在这里。'}
              />
            ) : null}
            {inbox.items.length > 0 ? (
              <View className='list' id='notice-list'>
                {inbox.items.map((n) => (
                  <ListRow
                    key={n.id}
                    id={`notice-${n.id}`}
                    className={`notice-row${n.read ? '' : ' notice-row--unread'}`}
                    title={`${n.pinned ? '【置顶】' : ''}${n.title}`}
                    description={`${CATEGORY_LABELS[n.category]} · ${formatDateTime(n.publishedAt)} · ${stateText(n)}`}
                    extra={<Text className='tag'>{n.read ? CATEGORY_LABELS[n.category] : '未读'}</Text>}
                    arrow
                    onClick={() => void Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.id)}` })}
                  />
                ))}
              </View>
            ) : null}
            {inbox.status === 'loading' ? <Loading /> : null}
            {inbox.hasMore && inbox.status === 'ready' ? (
              <Button id='notice-more' variant='secondary' block onClick={inbox.more}>
                加载更多
              </Button>
            ) : null}
          </>
        )}
      </SessionGate>
    </PageShell>
  )
}
