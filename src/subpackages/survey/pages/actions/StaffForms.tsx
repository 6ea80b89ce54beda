import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, TextField } from '@/shared/ui'
import { ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionStatus } from '@domain/action/model'
import { useLoad } from '../../components/use-load'
import { useRun } from '../../components/use-run'

type Item = CallOutput<'action', 'list'>['items'][number]
type SourceKind = 'survey' | 'agenda' | 'incidents'
const SOURCE_LABELS: Record<SourceKind, string> = { survey: '问卷发现', agenda: '议事会议题', incidents: '多起事件' }

/** A day N days from now, YYYY-MM-DD in China time. */
const dayIn = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)

export interface Prefill {
  kind: SourceKind | null
  ref: string | null
  label: string
}

/**
 * 新建事项 (action.manage): from a survey finding, an agenda item or a pattern of incidents
 * (picked from the community's recent reports; their reporters are told when it is closed).
 */
export function CreateActionForm({ communityId, prefill, onCreated }: { communityId: string; prefill: Prefill; onCreated: () => void }) {
  const [kind, setKind] = useState<SourceKind>(prefill.kind ?? 'survey')
  const [label, setLabel] = useState(prefill.label)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [ownerName, setOwnerName] = useState('')
  const [dueDate, setDueDate] = useState(dayIn(30))
  const [picked, setPicked] = useState<string[]>([])
  const { busy, error, run } = useRun()
  const incidents = useLoad(kind === 'incidents' ? () => callCloud('incident', 'list', { communityId, mine: false }) : null, [kind, communityId])
  const toggle = (id: string) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]))

  const submit = () =>
    run(async () => {
      const sourceLabel = label.trim() || (kind === 'incidents' ? `${picked.length}起事件上报` : SOURCE_LABELS[kind])
      await callCloud('action', 'create', { communityId, title, description, ownerName, dueDate, source: { kind, ref: kind === 'incidents' ? null : prefill.ref, label: sourceLabel, incidentIds: kind === 'incidents' ? picked : [] } })
      setTitle('')
      setDescription('')
      setPicked([])
      onCreated()
    })

  return (
    <Card title='新建事项' id='action-create'>
      <Text className='body-text'>来源</Text>
      <View className='choice-grid'>
        {(Object.keys(SOURCE_LABELS) as SourceKind[]).map((k) => (
          <Choice key={k} id={`action-source-${k}`} label={SOURCE_LABELS[k]} on={kind === k} onClick={() => setKind(k)} />
        ))}
      </View>
      <TextField id='action-source-label' label='来源说明（如 问卷：停车位意见，7成住户不满意）' value={label} onChange={setLabel} maxlength={100} />
      {kind === 'incidents' && incidents.status === 'ready' ? (
        <View id='action-incidents'>
          <Text className='caption'>选择相关的事件（办结时会告诉上报的居民）</Text>
          {incidents.data.incidents.length === 0 ? <Text className='caption'>最近没有事件上报</Text> : null}
          {incidents.data.incidents.slice(0, 20).map((i) => (
            <Choice key={i.id} id={`action-incident-${i.id}`} label={`${i.categoryLabel} · ${i.description.slice(0, 24)}`} on={picked.includes(i.id)} onClick={() => toggle(i.id)} />
          ))}
        </View>
      ) : null}
      <TextField id='action-title' label='要办的事' value={title} onChange={setTitle} maxlength={100} />
      <TextField id='action-description' label='具体说明（可不填）' value={description} onChange={setDescription} multiline maxlength={1000} />
      <TextField id='action-owner' label='负责人' value={ownerName} onChange={setOwnerName} maxlength={40} />
      <TextField id='action-due' label='计划完成日期（年-月-日）' value={dueDate} onChange={setDueDate} maxlength={10} />
      {error ? <Text className='form-error' id='action-create-error'>{error}</Text> : null}
      <Button id='action-create-submit' block loading={busy} disabled={kind === 'incidents' && picked.length === 0} onClick={submit}>
        立项
      </Button>
    </Card>
  )
}

/** 记录进展 on one item (action.manage): a note, optionally a new status; 已办结 tells the residents it came from. */
export function UpdateActionForm({ communityId, item, onUpdated }: { communityId: string; item: Item; onUpdated: () => void }) {
  const [status, setStatus] = useState<ActionStatus>(item.status)
  const [note, setNote] = useState('')
  const { busy, error, run } = useRun()
  const submit = () =>
    run(async () => {
      await callCloud('action', 'update', { communityId, actionId: item.id, status, note })
      setNote('')
      onUpdated()
    })
  return (
    <View id={`action-${item.id}-update`}>
      <View className='choice-grid'>
        {ACTION_STATUSES.map((s) => (
          <Choice key={s} id={`action-${item.id}-status-${s}`} label={ACTION_STATUS_LABELS[s]} on={status === s} onClick={() => setStatus(s)} />
        ))}
      </View>
      <TextField id={`action-${item.id}-note`} label={status === 'DONE' ? '办结说明（居民会在首页看到）' : '进展说明'} value={note} onChange={setNote} multiline maxlength={500} />
      {error ? <Text className='form-error'>{error}</Text> : null}
      {/* Two buttons, not one whose text changes: Taro H5's button re-renders its own children when
          `loading` flips, and a text React has just replaced inside it breaks that patch. */}
      {status === 'DONE' ? (
        <Button key='close' id={`action-${item.id}-close`} variant='secondary' loading={busy} onClick={submit}>
          办结并告知居民
        </Button>
      ) : (
        <Button key='save' id={`action-${item.id}-save`} variant='secondary' loading={busy} onClick={submit}>
          记录进展
        </Button>
      )}
    </View>
  )
}
