import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, Checkbox, Choice, Empty, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { ImagePicker } from '@/features/media/ImagePicker'
import { uploadAll, type PickedImage } from '@/features/media/images'
import { CATEGORY_LABELS, RATING_TAGS, REPAIR_CATEGORIES, STATUS_LABELS, type RepairCategory } from '@domain/repair/model'
import { RepairPhotos } from '../../components/RepairPhotos'
import { Timeline } from '../../components/Timeline'
import '../../components/property.scss'

type Item = CallOutput<'repair', 'list'>['items'][number]
type Detail = CallOutput<'repair', 'get'>

/** Kept until repair.create succeeds: a failed submission (or photo upload) never loses the report. */
const DRAFT_KEY = 'linli.property.repairDraft'
const MAX_PHOTOS = 6
interface Draft {
  unitId: string
  location: 'UNIT' | 'COMMON'
  commonPlace: string
  category: RepairCategory
  description: string
  preferredTime: string
  callbackRequested: boolean
  /** Picked, not yet uploaded: local paths (weapp temp files; H5 blob: URLs, which die with the page). */
  photos: PickedImage[]
}

const EMPTY: Draft = { unitId: '', location: 'UNIT', commonPlace: '', category: 'WATER_ELECTRIC', description: '', preferredTime: '', callbackRequested: false, photos: [] }

/** The saved draft, minus photos that cannot outlive the page they were picked on (H5 blob: URLs). */
function restoreDraft(): { draft: Draft; lostPhotos: number } {
  const saved = Taro.getStorageSync(DRAFT_KEY) as Partial<Draft> | ''
  if (!saved) return { draft: EMPTY, lostPhotos: 0 }
  const photos = (saved.photos ?? []).filter((p) => !p.path.startsWith('blob:'))
  return { draft: { ...EMPTY, ...saved, photos }, lostPhotos: (saved.photos ?? []).length - photos.length }
}

/**
 * 报事报修 (issue #14 §1): report on one screen (home, place, category, description, preferred
 * time, call-back), then my repairs with the timeline; confirm or reopen a finished repair, rate
 * a confirmed one once.
 */
export default function RepairsPage() {
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const homes = (session.data?.memberships ?? []).filter((m) => m.status === 'APPROVED' && m.communityId === communityId)
  const [restored] = useState(restoreDraft)
  const [draft, setDraft] = useState<Draft>(restored.draft)
  const [items, setItems] = useState<Item[] | null>(null)
  const [open, setOpen] = useState<Detail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(
    restored.draft.description ? `已恢复上次未提交的报修草稿${restored.lostPhotos ? `；${restored.lostPhotos} 张照片需要重新添加` : ''}` : null,
  )
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  const [score, setScore] = useState(0)
  const [tags, setTags] = useState<string[]>([])
  const unitId = draft.unitId || homes[0]?.unitId || ''

  const update = (patch: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch }
      Taro.setStorageSync(DRAFT_KEY, next)
      return next
    })

  const load = useCallback(() => {
    setError(null)
    callCloud('repair', 'list', { view: 'mine' })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)))
  }, [])
  useEffect(load, [load])

  const show = async (id: string) => setOpen(await callCloud('repair', 'get', { id }))

  const submit = async () => {
    if (!communityId || !unitId) return
    setBusy(true)
    // Photos first: without every file id nothing is submitted, and the draft (photos too) stays.
    let photos: string[]
    try {
      photos = await uploadAll(draft.photos, 'repair')
    } catch {
      setNote('照片上传失败，报修还没有提交。内容和照片已保存为草稿，请检查网络后再点“提交报修”')
      setBusy(false)
      return
    }
    try {
      const r = await callCloud('repair', 'create', {
        communityId,
        unitId,
        location: draft.location,
        ...(draft.location === 'COMMON' ? { commonPlace: draft.commonPlace } : {}),
        category: draft.category,
        description: draft.description,
        preferredTime: draft.preferredTime,
        callbackRequested: draft.callbackRequested,
        photos,
      })
      Taro.removeStorageSync(DRAFT_KEY)
      setDraft((d) => ({ ...d, description: '', commonPlace: '', photos: [] }))
      setNote(`已提交，物业将在${formatDateTime(r.responseDueAt)}前受理`)
      load()
    } catch (e) {
      setNote(`${errorText(e)}（内容已保存为草稿）`)
    } finally {
      setBusy(false)
    }
  }

  const act = async (action: 'confirm' | 'reopen' | 'cancel') => {
    if (!open) return
    setBusy(true)
    try {
      await callCloud('repair', 'transition', { id: open.repair.id, action, note: action === 'reopen' ? reason : '', expectedStatus: open.repair.status })
      setReason('')
      await show(open.repair.id)
      load()
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const rate = async () => {
    if (!open || !score) return
    setBusy(true)
    try {
      await callCloud('repair', 'rate', { id: open.repair.id, score, tags: tags as (typeof RATING_TAGS)[number][] })
      await show(open.repair.id)
      setNote('感谢评价')
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='报事报修' id='repairs-page'>
      <PageHeader title='报事报修' caption='物业看不到住户名册；只有您勾选回电时物业才能查看您的电话，查看会留痕' />
      {note ? <Text className='status-note body-text' id='repairs-note'>{note}</Text> : null}
      {homes.length === 0 ? <Empty title='加入房屋后可以在线报修' /> : (
        <Card title='我要报修' id='repair-form'>
          {homes.length > 1 ? (
            <View className='choice-grid'>
              {homes.map((h) => <Choice key={h.unitId} label={h.unitLabel} on={unitId === h.unitId} onClick={() => update({ unitId: h.unitId })} />)}
            </View>
          ) : <Text className='body-text'>{homes[0].unitLabel}</Text>}
          <View className='choice-grid'>
            <Choice id='loc-unit' label='家里' on={draft.location === 'UNIT'} onClick={() => update({ location: 'UNIT' })} />
            <Choice id='loc-common' label='公共区域' on={draft.location === 'COMMON'} onClick={() => update({ location: 'COMMON' })} />
          </View>
          {draft.location === 'COMMON' ? <TextField id='repair-place' label='具体位置' value={draft.commonPlace} onChange={(v) => update({ commonPlace: v })} placeholder='如 3栋电梯、北门路灯' maxlength={40} /> : null}
          <View className='choice-grid'>
            {REPAIR_CATEGORIES.map((c) => <Choice key={c} id={`cat-${c}`} label={CATEGORY_LABELS[c]} on={draft.category === c} onClick={() => update({ category: c })} />)}
          </View>
          <TextField id='repair-description' label='问题描述' value={draft.description} onChange={(v) => update({ description: v })} multiline maxlength={500} error={draft.description && draft.description.trim().length < 4 ? '请至少写4个字' : null} />
          <Text className='body-text'>{`照片（选填，最多${MAX_PHOTOS}张）`}</Text>
          <ImagePicker value={draft.photos} onChange={(v) => update({ photos: v })} max={MAX_PHOTOS} />
          <TextField id='repair-time' label='方便上门的时间（选填）' value={draft.preferredTime} onChange={(v) => update({ preferredTime: v })} maxlength={40} />
          <Checkbox id='repair-callback' checked={draft.callbackRequested} onChange={(v: boolean) => update({ callbackRequested: v })}>请物业回电联系我</Checkbox>
          <Button id='repair-submit' block loading={busy} disabled={draft.description.trim().length < 4} onClick={() => void submit()}>提交报修</Button>
        </Card>
      )}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty id='repairs-empty' title='还没有报修记录' /> : null}
      {items?.map((r) => (
        <Card key={r.id} title={`${CATEGORY_LABELS[r.category]} · ${STATUS_LABELS[r.status]}`} id={`repair-${r.id}`} className='repair-item'>
          <Text className='body-text'>{r.summary}</Text>
          <Text className='caption notice-block'>{`${r.place} · ${formatDateTime(r.createdAt)}`}</Text>
          <Button id={`open-${r.id}`} variant='text' block onClick={() => void show(r.id)}>查看进度</Button>
          {open?.repair.id === r.id ? (
            <View id='repair-detail'>
              <Text className='body-text notice-block'>{open.repair.description}</Text>
              <RepairPhotos fileIds={open.repair.photos} held={open.repair.photosHeld} />
              <Timeline history={open.history} />
              {open.repair.actions.includes('confirm') ? (
                <>
                  <Button id='repair-confirm' block loading={busy} onClick={() => void act('confirm')}>确认已修好</Button>
                  <TextField id='repair-reopen-reason' label='没修好？请说明' value={reason} onChange={setReason} maxlength={200} />
                  <Button id='repair-reopen' variant='secondary' block disabled={reason.trim().length < 2} onClick={() => void act('reopen')}>没修好，重新报修</Button>
                </>
              ) : null}
              {open.repair.actions.includes('cancel') ? <Button id='repair-cancel' variant='secondary' block onClick={() => void act('cancel')}>撤销报修</Button> : null}
              {open.repair.status === 'CONFIRMED' && !open.repair.rating ? (
                <View id='repair-rate'>
                  <View className='choice-grid'>
                    {[1, 2, 3, 4, 5].map((s) => <Choice key={s} id={`repair-score-${s}`} label={`${s}分`} on={score === s} onClick={() => setScore(s)} />)}
                  </View>
                  <View className='choice-grid'>
                    {RATING_TAGS.map((t) => <Choice key={t} label={t} on={tags.includes(t)} onClick={() => setTags((p) => (p.includes(t) ? p.filter((x) => x !== t) : [...p, t]))} />)}
                  </View>
                  <Button id='repair-rate-submit' block disabled={!score} loading={busy} onClick={() => void rate()}>提交评价</Button>
                </View>
              ) : null}
              {open.repair.rating ? <Text className='body-text' id='repair-rated'>{`您的评价：${open.repair.rating.score}分`}</Text> : null}
            </View>
          ) : null}
        </Card>
      ))}
    </PageShell>
  )
}
