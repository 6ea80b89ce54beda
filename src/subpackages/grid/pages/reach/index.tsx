import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'
import { DELIVERY_LABELS, type DeliveryMethod } from '@domain/notice/model'
import { RevealPhoneSheet, type RevealTarget } from '../../../staff/components/RevealPhoneSheet'

type Reach = CallOutput<'notice', 'reach'>
type Unread = CallOutput<'notice', 'unreadHouseholds'>

/** Household counts shown, in the order a grid worker reads them. */
const COUNTS = [
  ['addressed', '应送达住户'],
  ['read', '已读'],
  ['acknowledged', '已确认知晓'],
  ['delivered', '上门送达或纸质张贴'],
  ['unread', '尚未送达'],
] as const

/**
 * 送达情况 (R7.3): households addressed / read / acknowledged / delivered, counted on the server
 * without loading the audience; below, the unread households of the caller's grids, care tags first
 * — the door-knock list — with 查看电话 (logged, R4.10) and 已上门送达 / 已纸质张贴.
 */
export default function ReachPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const session = useSession().data
  const communityId = session?.currentCommunity?.id ?? ''
  const caps = new Set(session?.capabilities[communityId] ?? [])
  const [reach, setReach] = useState<Reach | null>(null)
  const [head, setHead] = useState<{ title: string; manage: boolean } | null>(null)
  const [unread, setUnread] = useState<Unread | null>(null)
  const [page, setPage] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const [revealing, setRevealing] = useState<RevealTarget | null>(null)
  const [busyUnit, setBusyUnit] = useState<string | null>(null)

  const load = useCallback(async () => {
    setProblem(null)
    try {
      const [r, u, d] = await Promise.all([
        callCloud('notice', 'reach', { noticeId: id }),
        caps.has('notice.deliver') ? callCloud('notice', 'unreadHouseholds', { noticeId: id, page }) : Promise.resolve(null),
        // The title, and whether the caller may edit or withdraw it (author, RC staff, admins).
        callCloud('notice', 'get', { noticeId: id }).catch(() => null),
      ])
      if (d) setHead({ title: d.notice.title, manage: d.manage })
      setReach(r)
      setUnread(u)
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [id, page, caps.has('notice.deliver')])
  useEffect(() => void load(), [load])

  const deliver = async (unitId: string, method: DeliveryMethod) => {
    setBusyUnit(unitId)
    try {
      await callCloud('notice', 'markDelivered', { noticeId: id, unitId, method })
      await load()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusyUnit(null)
    }
  }

  return (
    <PageShell title='送达情况' id='reach-page'>
      <PageHeader title='送达情况' caption={`${head ? `${head.title} · ` : ''}${reach?.scope === 'grids' ? '仅统计您负责网格内的住户' : '全部发送范围'}`} />
      {!reach && !problem ? <Loading /> : null}
      {problem && !reach ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {reach ? (
        <Card id='reach-counts'>
          {COUNTS.map(([key, label]) => (
            <View key={key} className='notice-line'>
              <Text className='body-text'>{label}</Text>
              <Text className='notice-line__value title' id={`reach-${key}`}>
                {reach[key]}
              </Text>
            </View>
          ))}
        </Card>
      ) : null}
      {head?.manage ? (
        <Button id='reach-edit' variant='secondary' block onClick={() => void Taro.navigateTo({ url: `${ROUTES.gridEdit}?id=${encodeURIComponent(id)}` })}>
          修改或撤回
        </Button>
      ) : null}
      {unread ? (
        <>
          <Text className='section-title title'>{`未读住户（${unread.total}户，关爱对象在前）`}</Text>
          {unread.items.length === 0 ? <Empty id='unread-empty' title='您负责的住户都已送达' /> : null}
          <View className='list' id='unread-list'>
            {unread.items.map((h) => (
              <View key={h.unitId} className='card unread-row' id={`unread-${h.unitId}`}>
                <ListRow
                  title={`${h.unitLabel}${h.priority ? ' · 优先上门' : ''}`}
                  description={[...h.tags, ...h.members.map((m) => m.nameMasked)].join(' · ') || '暂无登记住户'}
                />
                <View className='btn-row'>
                  {(['DOOR', 'PAPER'] as const).map((m) => (
                    <Button key={m} id={`deliver-${m}-${h.unitId}`} variant='secondary' loading={busyUnit === h.unitId} onClick={() => void deliver(h.unitId, m)}>
                      {DELIVERY_LABELS[m]}
                    </Button>
                  ))}
                  {caps.has('personal.reveal')
                    ? h.members
                        .filter((m) => m.hasPhone)
                        .map((m) => (
                          <Button key={m.memberId} id={`unread-reveal-${m.memberId}`} variant='secondary' onClick={() => setRevealing({ id: m.memberId, unitLabel: h.unitLabel, nameMasked: m.nameMasked })}>
                            查看电话
                          </Button>
                        ))
                    : null}
                </View>
              </View>
            ))}
          </View>
          {unread.hasMore || page > 0 ? (
            <View className='btn-row'>
              {page > 0 ? <Button variant='secondary' onClick={() => setPage(page - 1)}>上一页</Button> : null}
              {unread.hasMore ? <Button variant='secondary' onClick={() => setPage(page + 1)}>下一页</Button> : null}
            </View>
          ) : null}
        </>
      ) : null}
      {problem && reach ? <Text className='form-error body-text'>{problem}</Text> : null}
      {revealing ? <RevealPhoneSheet communityId={communityId} item={revealing} onClose={() => setRevealing(null)} /> : null}
    </PageShell>
  )
}
