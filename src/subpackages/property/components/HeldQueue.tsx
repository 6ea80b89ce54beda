import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, TextField } from '@/shared/ui'

type Item = CallOutput<'finance', 'held'>['items'][number]

/**
 * 待审核 (finance.moderate, the residents' committee): public questions and committee comments
 * that msgSecCheck held. Publish, or reject with a reason the author sees (R5.8). Hidden when
 * nothing waits.
 */
export function HeldQueue({ communityId, onDecided }: { communityId: string; onDecided: () => void }) {
  const [items, setItems] = useState<Item[]>([])
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const load = useCallback(() => {
    callCloud('finance', 'held', { communityId })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setNote(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const decide = async (i: Item, decision: 'PUBLISH' | 'REJECT') => {
    setBusy(i.id)
    try {
      await callCloud('finance', 'moderate', { communityId, kind: i.kind, id: i.id, decision, reason: reasons[i.id] ?? '' })
      setNote(decision === 'PUBLISH' ? '已公开' : '已驳回，作者会看到原因')
      load()
      onDecided()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  if (items.length === 0 && !note) return null
  return (
    <Card title={`待审核的提问和评论（${items.length}）`} id='finance-held'>
      <Text className='caption notice-block'>内容安全检查未能直接通过，公开前需要居委会看一眼。</Text>
      {note ? <Text className='status-note body-text'>{note}</Text> : null}
      {items.map((i) => (
        <View key={i.id} id={`held-${i.id}`} className='notice-block held-item'>
          <Text className='body-text'>{`${i.kind === 'QUESTION' ? '提问' : '业委会评论'} · ${i.label} · ${i.by}`}</Text>
          <Text className='body-text notice-block'>{i.text}</Text>
          <Text className='caption'>{formatDateTime(i.at)}</Text>
          <TextField id={`held-reason-${i.id}`} label='驳回原因（驳回时填写，作者会看到）' value={reasons[i.id] ?? ''} onChange={(v) => setReasons((r) => ({ ...r, [i.id]: v }))} maxlength={200} />
          <View className='btn-row'>
            <Button id={`held-publish-${i.id}`} loading={busy === i.id} disabled={busy !== null} onClick={() => void decide(i, 'PUBLISH')}>公开</Button>
            <Button id={`held-reject-${i.id}`} variant='secondary' disabled={busy !== null || (reasons[i.id] ?? '').trim().length < 2} onClick={() => void decide(i, 'REJECT')}>驳回</Button>
          </View>
        </View>
      ))}
    </Card>
  )
}
