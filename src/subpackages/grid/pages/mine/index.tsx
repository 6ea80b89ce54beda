import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { CATEGORY_LABELS, type NoticeStatus } from '@domain/notice/model'

type Item = CallOutput<'notice', 'authored'>['notices'][number]
const STATUS_LABELS: Record<NoticeStatus, string> = { SCHEDULED: '定时发布', HELD: '待审核', PUBLISHED: '已发布', REFUSED: '未通过', WITHDRAWN: '已撤回' }

/** 我发布的通知: the notices the caller manages (RC staff all; grid workers also those on their grids), with status. */
export default function MineNoticesPage() {
  const session = useSession().data
  const communityId = session?.currentCommunity?.id ?? ''
  const canModerate = (session?.capabilities[communityId] ?? []).includes('notice.moderate')
  const [items, setItems] = useState<Item[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const load = useCallback(
    async (from: string | null) => {
      setProblem(null)
      try {
        const r = await callCloud('notice', 'authored', { communityId, ...(from ? { cursor: from } : {}) })
        setItems((old) => (from ? [...(old ?? []), ...r.notices] : r.notices))
        setCursor(r.nextCursor)
      } catch (e) {
        setProblem(errorText(e))
      }
    },
    [communityId],
  )
  // Opened directly, the session may still be loading: load once the community is known.
  useEffect(() => {
    if (communityId) void load(null)
  }, [communityId, load])
  useDidShow(() => {
    if (communityId) void load(null)
  })
  /** R5.8: a held notice is released or rejected by a second staff member, never its author. */
  const moderate = async (noticeId: string, decision: 'APPROVE' | 'REJECT') => {
    try {
      await callCloud('notice', 'moderate', { noticeId, decision, ...(decision === 'REJECT' ? { reason: '内容不适宜发布' } : {}) })
      await load(null)
    } catch (e) {
      setProblem(errorText(e))
    }
  }

  return (
    <PageShell title='我发布的通知' id='mine-page'>
      <PageHeader title='我发布的通知' />
      {items === null && !problem ? <Loading /> : null}
      {problem ? <ErrorState message={problem} onRetry={() => void load(null)} /> : null}
      {items?.length === 0 ? <Empty id='mine-empty' title='还没有通知' action={<Button onClick={() => void Taro.navigateTo({ url: ROUTES.gridCompose })}>发布通知</Button>} /> : null}
      <View className='list' id='mine-list'>
        {(items ?? []).map((n) => (
          <ListRow
            key={n.id}
            id={`mine-${n.id}`}
            title={n.title}
            description={`${STATUS_LABELS[n.status]} · ${CATEGORY_LABELS[n.category]} · ${n.addressed}户 · ${formatDateTime(n.publishedAt ?? n.publishAt)}${n.refusedReason ? ` · ${n.refusedReason}` : ''}`}
            arrow={n.status === 'PUBLISHED'}
            onClick={n.status === 'PUBLISHED' ? () => void Taro.navigateTo({ url: `${ROUTES.gridReach}?id=${encodeURIComponent(n.id)}` }) : undefined}
            extra={
              n.status === 'HELD' && canModerate && !n.mine ? (
                <View className='btn-row'>
                  <Button id={`moderate-approve-${n.id}`} onClick={() => void moderate(n.id, 'APPROVE')}>
                    通过
                  </Button>
                  <Button id={`moderate-reject-${n.id}`} variant='secondary' onClick={() => void moderate(n.id, 'REJECT')}>
                    驳回
                  </Button>
                </View>
              ) : (n.status === 'SCHEDULED' || n.status === 'HELD') && (n.mine || canModerate) ? (
                // Published ones are edited from their 送达情况 page (the row opens it).
                <Button id={`mine-edit-${n.id}`} variant='secondary' onClick={() => void Taro.navigateTo({ url: `${ROUTES.gridEdit}?id=${encodeURIComponent(n.id)}` })}>
                  修改或撤回
                </Button>
              ) : undefined
            }
          />
        ))}
      </View>
      {cursor ? (
        <Button variant='secondary' block onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  )
}
