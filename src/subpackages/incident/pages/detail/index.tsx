import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { CloudImages } from '@/features/media/CloudImages'
import { LEVEL_LABELS, STATE_LABELS, TRANSITIONS, type IncidentState } from '@domain/incident/model'

type Detail = CallOutput<'incident', 'get'>

/** 办理进度: every step with who, when and a note (R7.5); the next legal steps for whoever may take them. */
export default function IncidentDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [d, setD] = useState<Detail | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState('')
  const [busy, setBusy] = useState(false)
  const load = useCallback(async () => {
    try {
      setD(await callCloud('incident', 'get', { incidentId: id }))
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [id])
  useEffect(() => void load(), [load])

  const move = async (to: IncidentState) => {
    setBusy(true)
    setProblem(null)
    try {
      const r = await callCloud('incident', 'transition', { incidentId: id, to, ...(note.trim() ? { note: note.trim() } : {}), ...(assignee.trim() ? { assignee: assignee.trim() } : {}) })
      setD((x) => (x ? { ...x, incident: r.incident } : x))
      setNote('')
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const i = d?.incident
  const steps = i ? (Object.entries(TRANSITIONS[i.state]) as [IncidentState, 'STAFF' | 'REPORTER'][]).filter(([, who]) => (who === 'STAFF' ? d?.canHandle : i.mine)) : []
  return (
    <PageShell title='办理进度' id='incident-detail-page'>
      {!d && !problem ? <Loading /> : null}
      {problem && !d ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {i ? (
        <>
          <PageHeader title={`${i.categoryLabel} · ${i.stateLabel}`} caption={`${i.locationLabel} · ${LEVEL_LABELS[i.level]}办理${i.overdue ? ' · 已超时' : ''}`} />
          <Card>
            <Text className='body-text' id='incident-description'>{i.description}</Text>
            <CloudImages fileIds={i.photos} held={i.heldPhotos} />
          </Card>
          <View className='list' id='incident-history'>
            {i.history.map((h, n) => (
              <View key={n} className='notice-line'>
                <Text className='body-text'>{`${STATE_LABELS[h.state]} · ${h.byLabel} · ${formatDateTime(h.at)}`}</Text>
                {h.note ? <Text className='caption'>{h.note}</Text> : null}
              </View>
            ))}
          </View>
          {steps.length ? (
            <Card title='下一步'>
              {steps.some(([to]) => to === 'ASSIGNED') ? <TextField id='incident-assignee' label='承办人或部门' value={assignee} onChange={setAssignee} maxlength={40} /> : null}
              <TextField id='incident-note' label='说明' value={note} onChange={setNote} maxlength={200} />
              <View className='btn-row'>
                {steps.map(([to]) => (
                  <Button key={to} id={`incident-to-${to}`} loading={busy} variant={to === 'REOPENED' ? 'secondary' : 'primary'} onClick={() => void move(to)}>
                    {STATE_LABELS[to]}
                  </Button>
                ))}
              </View>
            </Card>
          ) : null}
          {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
        </>
      ) : null}
    </PageShell>
  )
}
