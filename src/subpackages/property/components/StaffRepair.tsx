import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Choice, TextField } from '@/shared/ui'
import { isOpen } from '@domain/repair/model'
import { Timeline } from './Timeline'
import { RepairPhotos } from './RepairPhotos'
import { useBusy } from './use-busy'

type Detail = CallOutput<'repair', 'get'>

/**
 * A repair opened by staff: the description, photos and timeline; 查看电话 only when the reporter
 * asked for a call-back and the repair is still open (access.reveal with a reason, logged —
 * the resident sees it in 谁看过我的数据, R4.9); the quality check of a finished repair, kept apart
 * from the resident's rating (issue #14 §1). Residents'-committee staff see it read-only.
 */
export function StaffRepair({ detail, handler, onChanged }: { detail: Detail; handler: boolean; onChanged: () => Promise<void> }) {
  const r = detail.repair
  const [reason, setReason] = useState('')
  const [phone, setPhone] = useState<string | null>(null)
  const [result, setResult] = useState<'PASS' | 'FAIL' | null>(null)
  const [inspectNote, setInspectNote] = useState('')
  const { busy, note, run } = useBusy()
  const reveal = () =>
    run(async () => {
      const res = await callCloud('access', 'reveal', { communityId: r.communityId, serviceRequestId: `repair:${r.id}`, field: 'phone', reason: reason.trim() })
      setPhone(res.value)
    })
  const inspect = () =>
    run(async () => {
      if (!result) return
      await callCloud('repair', 'inspect', { id: r.id, result, note: inspectNote })
      setResult(null)
      setInspectNote('')
      await onChanged()
      return '质检已记录'
    })

  return (
    <View id={`staff-repair-${r.id}`} className='staff-repair'>
      <Text className='body-text notice-block'>{r.description}</Text>
      <RepairPhotos fileIds={r.photos} held={r.photosHeld} />
      <Text className='caption notice-block'>{`${r.preferredTime ? `方便时间：${r.preferredTime} · ` : ''}响应时限 ${formatDateTime(r.responseDueAt)} · 完成时限 ${formatDateTime(r.completionDueAt)}`}</Text>
      {r.rating ? <Text className='body-text notice-block'>{`居民评价：${r.rating.score}分${r.rating.tags.length ? `（${r.rating.tags.join('、')}）` : ''}`}</Text> : null}
      <Timeline history={detail.history} />
      {handler && r.callbackRequested && isOpen(r.status) ? (
        <View className='notice-block' id='repair-reveal'>
          {phone ? (
            <Button id='repair-call' block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>{`拨打 ${phone}`}</Button>
          ) : (
            <>
              <Text className='body-text'>报修人请求回电。查看号码会留痕，居民能看到谁在何时因何查看。</Text>
              <TextField id='repair-reveal-reason' label='查看理由' value={reason} onChange={setReason} maxlength={200} placeholder='如 回电确认上门时间' />
              <Button id='repair-reveal-submit' block loading={busy} disabled={reason.trim().length < 4} onClick={() => void reveal()}>记录理由并查看电话</Button>
            </>
          )}
        </View>
      ) : null}
      {detail.inspections.length ? (
        <View className='notice-block' id='repair-inspections'>
          <Text className='title'>质检记录</Text>
          {detail.inspections.map((i, k) => <Text key={k} className='body-text'>{`${formatDateTime(i.at)} ${i.by}：${i.result === 'PASS' ? '合格' : '不合格'}${i.note ? `（${i.note}）` : ''}`}</Text>)}
        </View>
      ) : null}
      {handler && (r.status === 'DONE' || r.status === 'CONFIRMED') ? (
        <View className='notice-block' id='repair-inspect'>
          <Text className='title'>质量检查（与居民评价分开记录）</Text>
          <View className='choice-grid'>
            <Choice id='inspect-pass' label='合格' on={result === 'PASS'} onClick={() => setResult('PASS')} />
            <Choice id='inspect-fail' label='不合格' on={result === 'FAIL'} onClick={() => setResult('FAIL')} />
          </View>
          <TextField id='inspect-note' label='检查说明（选填）' value={inspectNote} onChange={setInspectNote} maxlength={200} />
          <Button id='inspect-submit' block loading={busy} disabled={!result} onClick={() => void inspect()}>记录质检</Button>
        </View>
      ) : null}
      {note ? <Text className='status-note body-text'>{note}</Text> : null}
    </View>
  )
}
