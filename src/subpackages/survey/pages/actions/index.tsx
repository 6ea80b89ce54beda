import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ACTION_STATUS_LABELS } from '@domain/action/model'
import { formatDate } from './format'
import { CreateActionForm, UpdateActionForm, type Prefill } from './StaffForms'
import { useLoad } from '../../components/use-load'

/** ?sourceKind=survey&sourceRef=<id>&sourceLabel=… from a survey's results (or an agenda item). */
function prefillFrom(q: Record<string, string | undefined>): Prefill {
  const kind = q.sourceKind === 'survey' || q.sourceKind === 'agenda' || q.sourceKind === 'incidents' ? q.sourceKind : null
  return { kind, ref: q.sourceRef ? decodeURIComponent(q.sourceRef) : null, label: q.sourceLabel ? decodeURIComponent(q.sourceLabel).slice(0, 100) : '' }
}

/**
 * 你说我办: what residents raised (a survey finding, a council agenda item, repeated incidents)
 * and what is being done about it — owner, due date, status and every progress note. Staff with
 * action.manage create items and record progress here.
 */
export default function ActionsPage() {
  const community = useSession().data?.currentCommunity ?? null
  const communityId = community?.id ?? null
  const prefill = prefillFrom(useRouter().params as Record<string, string | undefined>)
  const list = useLoad(communityId ? () => callCloud('action', 'list', { communityId }) : null, [communityId])
  const manage = list.status === 'ready' && list.data.canManage
  return (
    <PageShell title='你说我办' id='actions-page'>
      <PageHeader title='你说我办' caption={community?.name} intro='居民在问卷、议事会和事件上报中提出的问题，由谁负责、什么时候办完、办得怎么样。' />
      {manage && communityId ? <CreateActionForm communityId={communityId} prefill={prefill} onCreated={list.reload} /> : null}
      {list.status === 'loading' && communityId ? <Loading /> : null}
      {list.status === 'error' ? <ErrorState message={list.message} onRetry={list.reload} /> : null}
      {list.status === 'ready' && list.data.items.length === 0 ? <Empty id='actions-empty' title='还没有事项' /> : null}
      {list.status === 'ready'
        ? list.data.items.map((item) => (
            <Card key={item.id} id={`action-${item.id}`} title={`${item.title}（${ACTION_STATUS_LABELS[item.status]}）`}>
              <Text className='caption action-line'>{`来源：${item.source.label}${item.source.kind === 'incidents' && item.fromYou ? ' · 包括您上报的事件' : ''}`}</Text>
              <Text className='body-text action-line'>{`负责人：${item.ownerName} · 计划完成：${item.dueDate}`}</Text>
              {item.description ? <Text className='body-text action-line'>{item.description}</Text> : null}
              <View>
                {item.progress.map((p, i) => (
                  <Text key={i} className='body-text notice-line action-line'>{`${formatDate(p.at)} ${ACTION_STATUS_LABELS[p.status]}：${p.note}`}</Text>
                ))}
              </View>
              {manage && communityId && item.status !== 'DONE' ? <UpdateActionForm communityId={communityId} item={item} onUpdated={list.reload} /> : null}
            </Card>
          ))
        : null}
    </PageShell>
  )
}
