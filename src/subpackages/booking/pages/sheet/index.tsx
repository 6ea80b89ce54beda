import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addDays, shanghaiDate } from '@domain/booking/time'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, CloudError, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { dayChoices } from '../../components/day-choices'
import { useResources } from '../../components/use-resources'
import { checkInWindowText, parseCheckIn } from '../../components/check-in-qr'

type Sheet = CallOutput<'booking', 'list'>
type Row = Sheet['rows'][number]

/**
 * 预约名单与签到 (staff, booking.manage): one resource and day at a time — the bookings with masked
 * names (sensitive services without a unit), pending approvals with 通过 / 不通过, and check-in
 * by the 6-digit code or, in WeChat, by scanning (Taro.scanCode).
 */
export default function BookingSheetPage() {
  const { communityId, communityName, resources, error: resError, reload: reloadResources } = useResources()
  const [resourceId, setResourceId] = useState<string | null>(null)
  const today = shanghaiDate(new Date())
  const [date, setDate] = useState(today)
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [note, setNote] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)
  const days = useMemo(() => dayChoices(today, addDays(today, 6)), [today])
  const chosen = resourceId ?? resources?.[0]?.id ?? null

  const [appeals, setAppeals] = useState<CallOutput<'booking', 'appeals'>['appeals']>([])
  const loadAppeals = useCallback(() => {
    if (!communityId) return
    callCloud('booking', 'appeals', { communityId })
      .then((r) => setAppeals(r.appeals))
      .catch(() => setAppeals([]))
  }, [communityId])
  useEffect(loadAppeals, [loadAppeals])
  const decideAppeal = async (id: string, decision: 'LIFT' | 'KEEP') => {
    if (!communityId) return
    setBusyId(id)
    try {
      await callCloud('booking', 'decideAppeal', { communityId, standingId: id, decision })
      setNote(decision === 'LIFT' ? '已解除暂停' : '已维持暂停')
      loadAppeals()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusyId(null)
    }
  }

  const load = useCallback(() => {
    if (!communityId || !chosen) return
    setError(null)
    callCloud('booking', 'list', { communityId, resourceId: chosen, date })
      .then(setSheet)
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId, chosen, date])
  useEffect(load, [load])

  const checkIn = async (text: string) => {
    const parsed = parseCheckIn(text)
    if (!communityId || !parsed) {
      setNote('请输入6位签到码')
      return
    }
    setBusyId('checkin')
    try {
      const r = await callCloud('booking', 'checkIn', { communityId, ...parsed })
      setNote(`签到成功：${r.booking.nameMasked} ${r.booking.start}–${r.booking.end}`)
      setCode('')
      load()
    } catch (e) {
      setNote((e instanceof CloudError ? checkInWindowText(e.code, e.details) : null) ?? errorText(e))
    } finally {
      setBusyId(null)
    }
  }

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await checkIn(r.result)
    } catch {
      setNote('没有扫到签到码，可以手动输入')
    }
  }

  const decide = async (row: Row, decision: 'APPROVE' | 'REJECT') => {
    if (!communityId) return
    setBusyId(row.id)
    try {
      await callCloud('booking', 'approve', { communityId, bookingId: row.id, decision })
      setNote(`${row.nameMasked} ${row.start}：${decision === 'APPROVE' ? '已通过' : '未通过'}`)
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusyId(null)
    }
  }

  return (
    <PageShell title='预约名单与签到' id='booking-sheet-page'>
      <PageHeader title='预约名单与签到' caption={communityName} />
      {note ? (
        <Text id='sheet-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}
      <Card title='签到'>
        <TextField id='checkin-code' label='签到码（6位数字）' value={code} onChange={setCode} type='number' maxlength={6} />
        <View className='btn-row'>
          <Button id='checkin-btn' loading={busyId === 'checkin'} onClick={() => void checkIn(code)}>
            签到
          </Button>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button id='scan-btn' variant='secondary' onClick={() => void scan()}>
              扫码签到
            </Button>
          ) : null}
        </View>
      </Card>
      {appeals.map((a) => (
        <Card key={a.id} id={`appeal-${a.id}`} title={`未到场申诉 · ${a.unitLabel ?? '工作人员账号'}`}>
          <Text className='body-text notice-block'>{`30天内未到场${a.noShows}次。理由：${a.reason}`}</Text>
          <View className='btn-row'>
            <Button id={`lift-${a.id}`} loading={busyId === a.id} disabled={busyId !== null} onClick={() => void decideAppeal(a.id, 'LIFT')}>
              解除暂停
            </Button>
            <Button id={`keep-${a.id}`} variant='secondary' disabled={busyId !== null} onClick={() => void decideAppeal(a.id, 'KEEP')}>
              维持暂停
            </Button>
          </View>
        </Card>
      ))}
      {resError ? <ErrorState message={resError} onRetry={reloadResources} /> : null}
      <Text className='section-title'>设施</Text>
      <View className='choice-grid'>
        {resources?.map((r) => (
          <Choice key={r.id} id={`sheet-resource-${r.id}`} label={r.name} on={r.id === chosen} onClick={() => setResourceId(r.id)} />
        ))}
      </View>
      <Text className='section-title'>日期</Text>
      <View className='choice-grid'>
        {days.map((d) => (
          <Choice key={d.date} id={`sheet-day-${d.date}`} label={d.label} on={d.date === date} onClick={() => setDate(d.date)} />
        ))}
      </View>
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {chosen && !sheet && !error ? <Loading /> : null}
      {sheet ? <Text className='caption notice-block' id='sheet-summary'>{`共${sheet.rows.length}条，待审核${sheet.pending}条，已签到${sheet.checkedIn}人`}</Text> : null}
      {sheet && sheet.rows.length === 0 ? <Empty id='sheet-empty' title='当天没有预约' /> : null}
      {sheet?.rows.map((row) => (
        <Card key={row.id} id={`sheet-${row.id}`} className='sheet-row' title={`${row.start}–${row.end} · ${row.nameMasked}`}>
          <View>
            <Text className='tag'>{row.waitPosition ? `${row.statusLabel}第${row.waitPosition}位` : row.statusLabel}</Text>
            {row.unitLabel ? <Text className='tag'>{row.unitLabel}</Text> : null}
            {row.bookedByLabel !== '本人预约' ? <Text className='tag'>{row.bookedByLabel}</Text> : null}
          </View>
          {row.note ? <Text className='caption notice-block'>{`事由：${row.note}`}</Text> : null}
          {row.status === 'PENDING_APPROVAL' ? (
            <View className='btn-row'>
              <Button id={`approve-${row.id}`} loading={busyId === row.id} disabled={busyId !== null} onClick={() => void decide(row, 'APPROVE')}>
                通过
              </Button>
              <Button id={`reject-${row.id}`} variant='secondary' disabled={busyId !== null} onClick={() => void decide(row, 'REJECT')}>
                不通过
              </Button>
            </View>
          ) : null}
        </Card>
      ))}
    </PageShell>
  )
}
