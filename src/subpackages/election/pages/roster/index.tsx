import { useCallback, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'
import { day, m2, totalsText } from '../../lib/format'

type Roster = CallOutput<'election', 'roster'>
type Got = CallOutput<'election', 'get'>

/**
 * 业主名册公示 (R2.2, issue #12 item 3): every unit with its area and whether it counts, the totals
 * that decide the ⅔ quorum, and the objection channel during publicity. Staff answer objections
 * and, after correcting the register, retake the snapshot — only until voting opens (then frozen).
 * Owner names are never shown here: units and areas only.
 */
export default function RosterPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [data, setData] = useState<{ got: Got; roster: Roster } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const [got, roster] = await Promise.all([callCloud('election', 'get', { electionId: id }), callCloud('election', 'roster', { electionId: id })])
      setData({ got, roster })
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())

  if (error) return <PageShell title='业主名册公示' id='election-roster-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!data) return <PageShell title='业主名册公示' id='election-roster-page'><Loading /></PageShell>
  const { got, roster } = data
  const e = got.election
  const publicity = e.status === 'ROSTER_PUBLICIZED' || e.status === 'DOCS_PUBLICIZED'

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await fn()
      setMessage(done)
      await load()
    } catch (err) {
      setMessage(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const object = () => run(() => callCloud('election', 'object', { electionId: id, text: text.trim(), ...(unitId ? { unitId } : {}) }).then(() => setText('')), '异议已提交，组织者会答复')
  const answer = (objectionId: string) => run(() => callCloud('election', 'answerObjection', { communityId: e.communityId, objectionId, answer: (answers[objectionId] ?? '').trim() }), '已答复')
  const refresh = () => run(() => callCloud('election', 'roster', { electionId: id, refresh: true }), '已按更正后的登记重新生成名册')

  return (
    <PageShell title='业主名册公示' id='election-roster-page'>
      <PageHeader title='业主名册公示' caption={e.title} />
      <Card title='名册合计' id='roster-totals'>
        <Text className='body-text notice-block'>{`全体 ${totalsText(roster.total)}：每户业主（同一人多套房合计）一个表决权，开发商未售或未交付的房屋合计一个表决权，共有的房屋一个表决权。`}</Text>
        <Text className='caption notice-block'>{`${roster.excludeParkingFromArea ? '车位面积不计入（本小区规定）' : '车位面积计入'}。${roster.takenAt ? `快照时间 ${day(roster.takenAt as unknown as string)}。` : ''}${roster.frozen ? '投票已开始，名册已冻结。' : publicity ? '公示期间可以提出异议，投票开始前可以更正。' : ''}`}</Text>
        {got.canManage && publicity ? <Button id='roster-refresh' variant='secondary' block loading={busy} onClick={() => void refresh()}>登记更正后重新生成名册</Button> : null}
      </Card>

      {publicity ? (
        <Card title='提出异议' id='roster-object'>
          <Text className='body-text notice-block'>面积不对、房屋漏登或不该计入？请选房屋（可不选）并写明情况。</Text>
          {unitId ? <Choice id='object-unit' label={`房屋：${roster.units.find((u) => u.unitId === unitId)?.label ?? ''}（再点取消）`} on onClick={() => setUnitId(null)} /> : <Text className='caption notice-block'>在下方房屋列表中点一下即可选中。</Text>}
          <TextField id='object-text' label='异议内容' value={text} onChange={setText} multiline maxlength={500} />
          <Button id='object-submit' block loading={busy} disabled={text.trim().length < 2} onClick={() => void object()}>提交异议</Button>
        </Card>
      ) : null}

      <Card title={`异议（${roster.objections.length}）`} id='roster-objections'>
        {!roster.objections.length ? <Text className='body-text'>暂无异议</Text> : null}
        {roster.objections.map((o) => (
          <View key={o.id} className='notice-block roster-objection'>
            <Text className='body-text notice-block'>{`${o.unitLabel ?? '未指明房屋'}${o.mine ? '（我提的）' : ''}：${o.text}`}</Text>
            {o.answer ? <Text className='body-text notice-block'>{`答复：${o.answer}`}</Text> : <Text className='caption notice-block'>待答复</Text>}
            {got.canManage && !o.answer ? (
              <View>
                <TextField id={`answer-${o.id}`} label='答复' value={answers[o.id] ?? ''} onChange={(v) => setAnswers((a) => ({ ...a, [o.id]: v }))} maxlength={500} multiline />
                <Button id={`answer-submit-${o.id}`} variant='secondary' disabled={(answers[o.id] ?? '').trim().length < 2} onClick={() => void answer(o.id)}>答复</Button>
              </View>
            ) : null}
          </View>
        ))}
      </Card>
      {message ? <Text className='body-text notice-block' id='roster-message'>{message}</Text> : null}

      <Card title={`房屋（${roster.units.length}）`} id='roster-units'>
        <View className='list'>
          {roster.units.map((u) => <ListRow key={u.unitId} className='roster-unit' title={`${unitId === u.unitId ? '✓ ' : ''}${u.label}`} extra={<Text className='body-text'>{u.counted ? m2(u.areaCentiM2) : '不计入'}</Text>} onClick={publicity ? () => setUnitId(u.unitId) : undefined} />)}
        </View>
      </Card>
    </PageShell>
  )
}
