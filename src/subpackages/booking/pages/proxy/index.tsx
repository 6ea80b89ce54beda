import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, ConfirmSheet, Empty, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'
import { BOOKING_ROUTES } from '../../routes'
import { bookedText, slotLabel } from '../../components/day-choices'
import { useResources } from '../../components/use-resources'
import { useAvailability, type Slot } from '../../components/use-availability'
import { DaysAndSlots, RuleLines } from '../../components/SlotRows'

type Targets = CallOutput<'booking', 'proxyTargets'>
type Target = Targets['family'][number]

const AGREEMENT: Record<Target['agreement'], string> = { FAMILY: '家人', CONSENT: '已同意代约', NONE: '未记录同意' }

/**
 * 代人预约 (issue #11 item 4, R6.7): a family member of the household, or a grid worker for a
 * resident of their grid, books for someone else — usually an elderly neighbour on the phone.
 * 1) whom: the family, or a building of the grid and then its residents, each saying whether their
 * agreement (booking_proxy consent) is on record; without it the worker writes the note of the
 * phone call before anything else; 2) what and when: the same day buttons and slot rows as the
 * resident's own page; 3) a summary that names the person before the tap. The server re-checks it
 * all (who.ts); the booking is the resident's, shows who made it, and they can cancel it.
 */
export default function ProxyBookingPage() {
  const { communityId, resources, error: resError, reload: reloadResources } = useResources()
  const [targets, setTargets] = useState<Targets | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [residents, setResidents] = useState<Target[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [person, setPerson] = useState<Target | null>(null)
  const [phoneNote, setPhoneNote] = useState('')
  const [resourceId, setResourceId] = useState<string | null>(null)
  const [picked, setPicked] = useState<Slot | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const av = useAvailability(person ? resourceId : null)

  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('booking', 'proxyTargets', { communityId })
      .then(setTargets)
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])

  const openBuilding = (id: string) => {
    setBuildingId(id)
    setResidents(null)
    callCloud('booking', 'proxyTargets', { communityId: communityId!, buildingId: id })
      .then((r) => setResidents(r.residents))
      .catch((e: unknown) => setError(errorText(e)))
  }

  const choose = (t: Target) => {
    setPerson(t)
    setPhoneNote('')
    setResult(null)
  }

  // Sensitive services rest on the person's own separate consent: they are not offered here.
  const bookable = resources?.filter((r) => !r.sensitive) ?? []
  const resource = bookable.find((r) => r.id === resourceId) ?? null
  const needsNote = person?.agreement === 'NONE'
  const noteOk = !needsNote || phoneNote.trim().length >= 4

  const book = async () => {
    if (!person || !resource || !picked || !av.date) return
    setBusy(true)
    try {
      const r = await callCloud('booking', 'create', {
        resourceId: resource.id,
        date: av.date,
        start: picked.start,
        forMemberId: person.memberId,
        ...(needsNote ? { proxyNote: phoneNote.trim() } : {}),
      })
      setResult({ ok: true, text: `已为${person.nameMasked}${bookedText(r.booking)}` })
    } catch (e) {
      setResult({ ok: false, text: errorText(e) })
    } finally {
      setPicked(null)
      setBusy(false)
      av.reload()
    }
  }

  const personRow = (t: Target) => (
    <ListRow
      key={t.memberId}
      id={`person-${t.memberId}`}
      className='proxy-person'
      title={`${t.nameMasked}（${t.unitLabel}）`}
      description={t.relationLabel}
      extra={<Text className={t.agreement === 'NONE' ? 'caption' : 'tag'}>{AGREEMENT[t.agreement]}</Text>}
      arrow
      onClick={() => choose(t)}
    />
  )

  return (
    <PageShell title='代人预约' id='booking-proxy-page'>
      <PageHeader title='代人预约' intro='为家人，或您负责网格内的居民预约。预约属于对方本人：对方在“我的预约”里能看到由您代约，也可以取消。' />
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!targets && !error ? <Loading /> : null}

      {targets && person ? (
        // Chosen: the long list folds to the one person, so step 2 is right below.
        <Card title='1. 为谁预约' id='proxy-whom'>
          <ListRow id='proxy-chosen' title={`✓ ${person.nameMasked}（${person.unitLabel}）`} description={person.relationLabel} extra={<Text className={person.agreement === 'NONE' ? 'caption' : 'tag'}>{AGREEMENT[person.agreement]}</Text>} />
          <Button id='proxy-change' variant='secondary' block onClick={() => { setPerson(null); setResult(null) }}>
            换一位
          </Button>
        </Card>
      ) : null}
      {targets && !person ? (
        <Card title='1. 为谁预约' id='proxy-whom'>
          {targets.family.length ? <Text className='section-title'>同一房屋的家人</Text> : null}
          {targets.family.map(personRow)}
          {targets.buildings.length ? (
            <>
              <Text className='section-title'>我负责网格的居民（先选楼栋）</Text>
              <View className='choice-grid' id='proxy-buildings'>
                {targets.buildings.map((b) => (
                  <Choice key={b.id} id={`building-${b.id}`} label={b.name} on={b.id === buildingId} onClick={() => openBuilding(b.id)} />
                ))}
              </View>
              {buildingId && !residents ? <Loading /> : null}
              {residents && residents.length === 0 ? <Empty title='这栋楼还没有登记的居民' /> : null}
              {residents?.map(personRow)}
            </>
          ) : null}
          {targets.family.length === 0 && targets.buildings.length === 0 ? (
            <Empty id='proxy-nobody' title='没有可以代约的人' description='同一房屋的家人绑定房屋后，可以互相代约；网格员可以为网格内的居民代约。' />
          ) : null}
        </Card>
      ) : null}

      {person ? (
        <Card title={`2. 为${person.nameMasked}选择服务`} id='proxy-what'>
          {needsNote ? (
            <View id='proxy-agreement'>
              <Text className='body-text notice-block'>{`${person.nameMasked}还没有在小程序里同意网格员代约。请先打电话征得本人同意，并记下通话情况（会留档备查）。`}</Text>
              <TextField id='proxy-note' label='通话记录（必填）' value={phoneNote} onChange={setPhoneNote} maxlength={200} multiline hint='例如：12月1日上午电话，陈阿姨同意代约周三上午的活动室' />
            </View>
          ) : person.agreement === 'CONSENT' ? (
            <Text className='caption notice-block' id='proxy-agreement'>{`${person.nameMasked}已在小程序中同意网格员代约。`}</Text>
          ) : null}
          {resError ? <ErrorState message={resError} onRetry={reloadResources} /> : null}
          <Text className='section-title'>设施或服务</Text>
          <View className='choice-grid'>
            {bookable.map((r) => (
              <Choice key={r.id} id={`proxy-resource-${r.id}`} label={r.name} on={r.id === resourceId} onClick={() => setResourceId(r.id)} />
            ))}
          </View>
          <Text className='caption notice-block'>健康咨询、调解等敏感服务需本人预约，或到社区服务大厅现场办理。</Text>
        </Card>
      ) : null}

      {person && resource ? (
        <View id='proxy-when'>
          {/* The answer where the tap was, not at the top of a long page. */}
          {result ? (
            <View id='proxy-result' className={result.ok ? 'status-note body-text' : 'error-banner body-text'}>
              <Text>{result.text}</Text>
            </View>
          ) : null}
          {av.error ? <ErrorState message={av.error} onRetry={av.reload} /> : null}
          {!av.data && !av.error ? <Loading /> : null}
          {/* The agreement comes first: no slot to tap before the note of the call is written. */}
          {av.data && noteOk ? <DaysAndSlots av={av} onPick={setPicked} /> : null}
          {av.data && !noteOk ? <Text className='body-text notice-block' id='proxy-note-first'>填写通话记录后即可选择时段</Text> : null}
          {result?.ok ? (
            <Button id='proxy-done' variant='secondary' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: BOOKING_ROUTES.list }))}>
              完成
            </Button>
          ) : null}
        </View>
      ) : null}

      <ConfirmSheet
        open={picked !== null}
        id='proxy-confirm'
        title={picked?.state === 'WAITLIST' ? '确认代为候补' : '确认代为预约'}
        confirmText={picked?.state === 'WAITLIST' ? '加入候补' : '确认预约'}
        confirmDisabled={!noteOk}
        busy={busy}
        onConfirm={() => void book()}
        onCancel={() => setPicked(null)}
      >
        {picked && person && resource && av.date ? (
          <View id='proxy-summary'>
            <Text className='title notice-block'>{`为 ${person.nameMasked}（${person.unitLabel}）`}</Text>
            <Text className='title notice-block'>{resource.name}</Text>
            <Text className='title notice-block'>{slotLabel(av.date, picked.start, picked.end)}</Text>
            <Text className='body-text notice-block'>{`预约记在${person.nameMasked}名下，显示由您代约；${person.nameMasked}可以查看和取消。`}</Text>
            <RuleLines rules={resource.rules} />
          </View>
        ) : null}
      </ConfirmSheet>
    </PageShell>
  )
}
