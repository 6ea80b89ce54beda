import { useCallback, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, isCloudError, type CallOutput } from '@/services/cloud'
import { Button, Card, Checkbox, Choice, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'

type Got = CallOutput<'election', 'get'>
type Units = CallOutput<'election', 'roster'>['units']
type Entries = CallOutput<'election', 'paperEntries'>

const CHOICES = [
  { value: 'YES', label: '同意' },
  { value: 'NO', label: '反对' },
  { value: 'ABSTAIN', label: '弃权' },
] as const
const STATE: Record<string, string> = { FIRST_ENTRY: '已录一次，等另一位工作人员再录', MISMATCH: '两次录入不一致，请第三人核对原件', COUNTED: '两次一致，已计入' }

/**
 * 纸质选票录入 (★ R3.11): a signed paper ballot counts only when two different staff members have
 * entered it the same way; the reconciliation list below shows, per voting right, how far it got —
 * never what the others entered, so the second person reads the sheet, not the screen. A right
 * already used electronically answers that the paper ballot is not counted (first valid ballot wins).
 */
export default function PaperPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [data, setData] = useState<{ got: Got; units: Units; entries: Entries } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [unitId, setUnitId] = useState<string | null>(null)
  const [choice, setChoice] = useState<string | null>(null)
  const [approve, setApprove] = useState<string[]>([])
  const [sheetRef, setSheetRef] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const got = await callCloud('election', 'get', { electionId: id })
      const [roster, entries] = await Promise.all([callCloud('election', 'roster', { electionId: id }), callCloud('election', 'paperEntries', { communityId: got.election.communityId, electionId: id })])
      setData({ got, units: roster.units.filter((u) => u.counted), entries })
      setError(null)
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())

  if (error) return <PageShell title='纸质选票录入' id='election-paper-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!data) return <PageShell title='纸质选票录入' id='election-paper-page'><Loading /></PageShell>
  const { got, units, entries } = data
  const e = got.election
  const matches = query.trim() ? units.filter((u) => u.label.includes(query.trim())).slice(0, 8) : []
  const picked = units.find((u) => u.unitId === unitId)
  const ready = !!unitId && sheetRef.trim().length > 0 && (e.kind === 'MOTION' ? !!choice : true)

  const submit = async () => {
    if (!unitId) return
    setBusy(true)
    setMessage(null)
    try {
      const r = await callCloud('election', 'enterPaperBallot', {
        communityId: e.communityId,
        electionId: id,
        unitId,
        sheetRef: sheetRef.trim(),
        ...(e.kind === 'MOTION' ? { choice: choice as 'YES' | 'NO' | 'ABSTAIN' } : { approve }),
      })
      setMessage(r.state === 'COUNTED' ? `与前一次录入一致，已计入。投票码 ${r.receipt ?? ''}（请写在原件上交业主）` : '已录入第一次。请另一位工作人员对照原件再录一次，一致后计入。')
      setUnitId(null)
      setChoice(null)
      setApprove([])
      setSheetRef('')
      setQuery('')
      await load()
    } catch (err) {
      setMessage(isCloudError(err) && err.code === 'PAPER_MISMATCH' ? '与前一次录入不一致，没有计入。请第三位工作人员核对原件后再录。' : errorText(err))
      await load()
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='纸质选票录入' id='election-paper-page'>
      <PageHeader title='纸质选票录入' caption={`${e.title} · ${e.statusLabel}`} />
      {!got.canPaper ? <ErrorState message='只有业委会、居委会和社区管理员可以录入纸质选票' /> : e.status !== 'VOTING_OPEN' ? (
        <Card title='录入'><Text className='body-text' id='paper-closed'>只有投票期间可以录入纸质选票。</Text></Card>
      ) : (
        <Card title='录入一张选票' id='paper-form'>
          <Text className='caption notice-block'>每张纸质选票须由两位不同的工作人员分别录入；两次一致才计入。同一表决权已经在线投过票的，纸质选票不再计入。</Text>
          <TextField id='paper-unit-search' label='房号（例如 5栋101）' value={query} onChange={(v) => { setQuery(v); setUnitId(null) }} maxlength={20} />
          {picked ? <Choice id='paper-unit-picked' label={`${picked.label}（再点重选）`} on onClick={() => setUnitId(null)} /> : (
            <View className='choice-grid' id='paper-unit-matches'>
              {matches.map((u) => <Choice key={u.unitId} id={`paper-unit-${u.unitId}`} label={u.label} on={false} onClick={() => setUnitId(u.unitId)} />)}
            </View>
          )}
          {e.kind === 'MOTION' ? (
            <View className='choice-grid'>
              {CHOICES.map((c) => <Choice key={c.value} id={`paper-${c.value}`} label={c.label} on={choice === c.value} onClick={() => setChoice(c.value)} />)}
            </View>
          ) : (
            <View>
              <Text className='body-text notice-block'>{`选票上勾选的候选人（最多 ${e.seats ?? 0} 人；都没勾即弃权）：`}</Text>
              {got.candidates.map((c) => (
                <Checkbox key={c.id} id={`paper-cand-${c.id}`} checked={approve.includes(c.id)} onChange={(on) => setApprove((a) => (on ? [...a, c.id] : a.filter((x) => x !== c.id)))}>{`${c.name}（${c.unitLabel}）`}</Checkbox>
              ))}
            </View>
          )}
          <TextField id='paper-sheet' label='原件编号（写在选票右上角）' value={sheetRef} onChange={setSheetRef} maxlength={80} />
          <Button id='paper-submit' block loading={busy} disabled={!ready} onClick={() => void submit()}>录入</Button>
        </Card>
      )}
      {message ? <Text className='body-text notice-block' id='paper-message'>{message}</Text> : null}
      <Card title='核对情况' id='paper-reconcile'>
        <Text className='body-text notice-block' id='paper-counts'>{`已计入 ${entries.counts.counted} 张 · 等第二次录入 ${entries.counts.firstEntry} 张 · 不一致 ${entries.counts.mismatch} 张`}</Text>
        <View className='list'>
          {entries.entries.map((x) => (
            <ListRow key={x.party} className={`paper-row paper-row--${x.state}`} title={`${x.unitLabel} · 原件 ${x.sheetRefs.join('、')}`} description={`${STATE[x.state]}（录入 ${x.entries} 次${x.enteredByMe ? '，含我录的' : ''}）`} />
          ))}
        </View>
      </Card>
    </PageShell>
  )
}
