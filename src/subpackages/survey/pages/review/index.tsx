import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { useLoad } from '../../components/use-load'
import { useRun } from '../../components/use-run'

/**
 * 审核文字回答 (survey.manage, R5.8): free-text answers the content check held. Each shows only
 * its question and its text — never who wrote it. 公开 puts it in the results and the CSV;
 * 不公开 keeps it out for good (it is only counted).
 */
export default function ReviewPage() {
  const surveyId = useRouter().params.id ?? ''
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const held = useLoad(surveyId && communityId ? () => callCloud('survey', 'heldTexts', { surveyId, communityId }) : null, [surveyId, communityId])
  const [deciding, setDeciding] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, run } = useRun()
  const note = error ?? done

  const decide = (key: string, decision: 'RELEASE' | 'REFUSE') => {
    setDeciding(key)
    setDone(null)
    return run(async () => {
      await callCloud('survey', 'reviewText', { surveyId, communityId, key, decision })
      setDone(decision === 'RELEASE' ? '已公开，结果页可以看到这条回答' : '已设为不公开')
      held.reload()
    })
  }

  return (
    <PageShell title='审核文字回答' id='survey-review-page'>
      <PageHeader title='审核文字回答' intro='这些回答被内容安全检查暂时拦下。看过之后决定是否在结果中公开；这里不显示填写人。' />
      {note ? <Text className='status-note' id='review-note'>{note}</Text> : null}
      {held.status === 'loading' ? <Loading /> : null}
      {held.status === 'error' ? <ErrorState message={held.message} onRetry={held.reload} /> : null}
      {held.status === 'ready' && held.data.total === 0 ? <Empty id='review-empty' title='没有待审核的回答' /> : null}
      {held.status === 'ready' && held.data.total > held.data.items.length ? <Text className='caption'>{`共${held.data.total}条，先显示前${held.data.items.length}条`}</Text> : null}
      {held.status === 'ready'
        ? held.data.items.map((item, i) => (
            <Card key={item.key} id={`held-${i + 1}`} title={item.questionTitle}>
              <Text className='body-text'>{`“${item.text}”`}</Text>
              <View className='btn-row'>
                <Button id={`held-${i + 1}-release`} loading={busy && deciding === item.key} onClick={() => decide(item.key, 'RELEASE')}>
                  公开
                </Button>
                <Button id={`held-${i + 1}-refuse`} variant='secondary' loading={busy && deciding === item.key} onClick={() => decide(item.key, 'REFUSE')}>
                  不公开
                </Button>
              </View>
            </Card>
          ))
        : null}
    </PageShell>
  )
}
