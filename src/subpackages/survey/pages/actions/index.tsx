import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { ACTION_STATUS_LABELS } from '@domain/action/model'
import { formatDate } from './format'
import { useLoad } from '../../components/use-load'

/**
 * 你说我办: what residents raised (a survey finding, a council agenda item, repeated incidents)
 * and what is being done about it — owner, due date, status and every progress note.
 */
export default function ActionsPage() {
  const community = useSession().data?.currentCommunity ?? null
  const communityId = community?.id ?? null
  const list = useLoad(communityId ? () => callCloud('action', 'list', { communityId }) : null, [communityId])
  return (
    <PageShell title='你说我办' id='actions-page'>
      <PageHeader title='你说我办' caption={community?.name} intro='居民在问卷、议事会和报修中提出的问题，由谁负责、什么时候办完、办得怎么样。' />
      {list.status === 'loading' && communityId ? <Loading /> : null}
      {list.status === 'error' ? <ErrorState message={list.message} onRetry={list.reload} /> : null}
      {list.status === 'ready' && list.data.items.length === 0 ? <Empty id='actions-empty' title='还没有事项' /> : null}
      {list.status === 'ready'
        ? list.data.items.map((item) => (
            <Card key={item.id} id={`action-${item.id}`} title={`${item.title}（${ACTION_STATUS_LABELS[item.status]}）`}>
              <Text className='caption'>{`来源：${item.source.label}`}</Text>
              <Text className='body-text'>{`负责人：${item.ownerName} · 计划完成：${item.dueDate}`}</Text>
              {item.description ? <Text className='body-text'>{item.description}</Text> : null}
              <View>
                {item.progress.map((p, i) => (
                  <Text key={i} className='body-text notice-line'>{`${formatDate(p.at)} ${ACTION_STATUS_LABELS[p.status]}：${p.note}`}</Text>
                ))}
              </View>
            </Card>
          ))
        : null}
    </PageShell>
  )
}
