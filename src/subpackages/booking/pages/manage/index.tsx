import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { CATEGORY_LABELS, ELIGIBILITY_LABELS, type Eligibility, type ResourceCategory } from '@domain/booking/model'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallInput, type CallOutput } from '@/services/cloud'
import { Button, Card, Choice, ConfirmSheet, ErrorState, ListRow, Loading, PageHeader, TextField, Toggle } from '@/shared/ui'
import { useResources, type Resource } from '../../components/use-resources'
import { WEEKDAY_KEYS, closuresText, hoursText, parseClosures, parseCount, parseHours } from '../../components/resource-form'

type Input = CallInput<'booking', 'manage'>['resource']
type Affected = CallOutput<'booking', 'manage'>['affected']
const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']
const REASONS: Record<Affected[number]['reason'], string> = { HOURS: '时段取消', SEATS: '名额减少', CLOSED: '当天闭馆' }

interface Form {
  name: string
  location: string
  description: string
  category: ResourceCategory
  eligibility: Eligibility
  operator: Input['operator']
  sensitive: boolean
  active: boolean
  exclusive: boolean
  requiresApproval: boolean
  checkInRequired: boolean
  hours: string[]
  closures: string
  nums: Record<'capacity' | 'slotMinutes' | 'minNoticeMinutes' | 'horizonDays' | 'quotaPerDay' | 'quotaPerWeek' | 'cancelBeforeMinutes' | 'waitlistMax', string>
}

function formOf(r: Resource | null): Form {
  return {
    name: r?.name ?? '',
    location: r?.location ?? '',
    description: r?.description ?? '',
    category: r?.category ?? 'ACTIVITY_ROOM',
    eligibility: r?.eligibility ?? 'RESIDENTS',
    operator: r?.operator ?? 'COMMUNITY',
    sensitive: r?.sensitive ?? false,
    active: r?.active ?? true,
    exclusive: r?.exclusive ?? false,
    requiresApproval: r?.requiresApproval ?? false,
    checkInRequired: r?.checkIn.required ?? true,
    hours: WEEKDAY_KEYS.map((k) => (r ? hoursText(r.weeklyHours[k]) : k <= '5' ? '09:00-12:00, 14:00-17:00' : '')),
    closures: r ? closuresText(r.closures) : '',
    nums: {
      capacity: String(r?.capacity ?? 10),
      slotMinutes: String(r?.slotMinutes ?? 60),
      minNoticeMinutes: String(r?.minNoticeMinutes ?? 60),
      horizonDays: String(r?.horizonDays ?? 7),
      quotaPerDay: r ? (r.quotaPerDay === null ? '' : String(r.quotaPerDay)) : '1',
      quotaPerWeek: r?.quotaPerWeek == null ? '' : String(r.quotaPerWeek),
      cancelBeforeMinutes: String(r?.cancelBeforeMinutes ?? 120),
      waitlistMax: String(r?.waitlistMax ?? 5),
    },
  }
}

const LIMITS: Record<keyof Form['nums'], [number, number, boolean, string]> = {
  capacity: [1, 500, false, '每时段名额'],
  slotMinutes: [10, 480, false, '每个时段（分钟）'],
  minNoticeMinutes: [0, 20160, false, '至少提前（分钟）'],
  horizonDays: [0, 90, false, '最远可约（天）'],
  quotaPerDay: [1, 50, true, '每户每天限约（空=不限）'],
  quotaPerWeek: [1, 100, true, '每户每周限约（空=不限）'],
  cancelBeforeMinutes: [0, 10080, false, '开始前多久可自行取消（分钟）'],
  waitlistMax: [0, 50, false, '候补人数上限（0=不候补）'],
}

/** The form → the manage input, or the first problem in words. */
function toInput(f: Form, before: Resource | null): Input | string {
  const nums: Record<string, number | null> = {}
  for (const [k, [min, max, optional, label]] of Object.entries(LIMITS)) {
    const v = parseCount(f.nums[k as keyof Form['nums']], min, max, optional)
    if (typeof v === 'string') return `${label}：${v}`
    nums[k] = v
  }
  const weeklyHours: Input['weeklyHours'] = {}
  for (const [i, k] of WEEKDAY_KEYS.entries()) {
    const h = parseHours(f.hours[i])
    if (typeof h === 'string') return `${WEEKDAY_NAMES[i]}：${h}`
    if (h.length) weeklyHours[k] = h
  }
  const closures = parseClosures(f.closures)
  if (typeof closures === 'string') return `闭馆日期：${closures}`
  if (f.name.trim().length < 2) return '名称至少2个字'
  return {
    name: f.name.trim(),
    kind: before?.kind ?? 'FACILITY',
    category: f.category,
    location: f.location.trim(),
    description: f.description.trim(),
    operator: f.operator,
    eligibility: f.eligibility,
    sensitive: f.sensitive,
    active: f.active,
    weeklyHours,
    closures,
    exceptions: before?.exceptions ?? [],
    slotMinutes: nums.slotMinutes!,
    capacity: f.exclusive ? 1 : nums.capacity!,
    exclusive: f.exclusive,
    minNoticeMinutes: nums.minNoticeMinutes!,
    horizonDays: nums.horizonDays!,
    quotaPerDay: nums.quotaPerDay,
    quotaPerWeek: nums.quotaPerWeek,
    cancelBeforeMinutes: nums.cancelBeforeMinutes!,
    requiresApproval: f.requiresApproval,
    checkIn: { required: f.checkInRequired, opensBeforeMinutes: before?.checkIn.opensBeforeMinutes ?? 15, closesAfterMinutes: before?.checkIn.closesAfterMinutes ?? 15 },
    waitlistMax: nums.waitlistMax!,
  }
}

function Switch({ id, label, on, onChange }: { id: string; label: string; on: boolean; onChange: (v: boolean) => void }) {
  return <ListRow id={id} title={label} role='switch' checked={on} extra={<><Text className='caption'>{on ? '是' : '否'}</Text><Toggle on={on} /></>} onClick={() => onChange(!on)} />
}

/**
 * 设施管理 (booking.manage): create and edit resources. An edit that would strand existing
 * bookings (shorter hours, fewer seats, a closure) lists them first; confirming cancels those
 * bookings and notifies the people (issue #11, "Bad input and failure").
 */
export default function BookingManagePage() {
  const { communityId, communityName, resources, error, reload } = useResources(true)
  const [editing, setEditing] = useState<Resource | 'new' | null>(null)
  const [form, setForm] = useState<Form>(formOf(null))
  const [problem, setProblem] = useState<string | null>(null)
  const [affected, setAffected] = useState<Affected | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const before = editing && editing !== 'new' ? editing : null

  const open = (r: Resource | 'new') => {
    setEditing(r)
    setForm(formOf(r === 'new' ? null : r))
    setProblem(null)
  }
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }))

  const save = async (confirm: boolean) => {
    if (!communityId) return
    const input = toInput(form, before)
    if (typeof input === 'string') {
      setProblem(input)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      const r = await callCloud('booking', 'manage', { communityId, ...(before ? { resourceId: before.id } : {}), resource: input, ...(confirm ? { confirm: true } : {}) })
      if (!r.saved) {
        setAffected(r.affected)
        return
      }
      setAffected(null)
      setNote(`已保存：${input.name}${r.affected.length ? `，已取消${r.affected.length}个受影响的预约并通知居民` : ''}`)
      setEditing(null)
      reload()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='设施管理' id='booking-manage-page'>
      <PageHeader title='设施管理' caption={communityName} />
      {note ? (
        <Text id='manage-note' className='status-note body-text'>
          {note}
        </Text>
      ) : null}
      {error ? <ErrorState message={error} onRetry={reload} /> : null}
      {!resources && !error ? <Loading /> : null}
      {!editing ? (
        <>
          {resources?.map((r) => (
            <ListRow key={r.id} id={`manage-${r.id}`} title={r.name} description={`${r.active ? '开放预约' : '已停用'} · ${r.exclusive ? '独享' : `${r.capacity}位`} · ${r.slotMinutes}分钟`} arrow onClick={() => open(r)} />
          ))}
          <Button id='manage-new' block onClick={() => open('new')}>
            新增设施或服务
          </Button>
        </>
      ) : (
        <Card title={before ? `编辑：${before.name}` : '新增设施或服务'} id='manage-form'>
          <TextField id='f-name' label='名称' value={form.name} onChange={(v) => set('name', v)} maxlength={20} />
          <TextField id='f-location' label='地点' value={form.location} onChange={(v) => set('location', v)} maxlength={40} />
          <TextField id='f-description' label='说明' value={form.description} onChange={(v) => set('description', v)} maxlength={200} multiline />
          <Text className='section-title'>类别</Text>
          <View className='choice-grid'>
            {(Object.keys(CATEGORY_LABELS) as ResourceCategory[]).map((c) => (
              <Choice key={c} label={CATEGORY_LABELS[c]} on={form.category === c} onClick={() => set('category', c)} />
            ))}
          </View>
          <Text className='section-title'>谁可以预约</Text>
          <View className='choice-grid'>
            {(Object.keys(ELIGIBILITY_LABELS) as Eligibility[]).map((e) => (
              <Choice key={e} label={ELIGIBILITY_LABELS[e]} on={form.eligibility === e} onClick={() => set('eligibility', e)} />
            ))}
          </View>
          <Text className='section-title'>运营方</Text>
          <View className='choice-grid'>
            <Choice label='居委会' on={form.operator === 'COMMUNITY'} onClick={() => set('operator', 'COMMUNITY')} />
            <Choice label='物业' on={form.operator === 'PROPERTY'} onClick={() => set('operator', 'PROPERTY')} />
          </View>
          <Switch id='f-active' label='开放预约' on={form.active} onChange={(v) => set('active', v)} />
          <Switch id='f-exclusive' label='一户独享整个时段' on={form.exclusive} onChange={(v) => set('exclusive', v)} />
          <Switch id='f-approval' label='需要审核' on={form.requiresApproval} onChange={(v) => set('requiresApproval', v)} />
          <Switch id='f-checkin' label='需要签到（逾时自动释放）' on={form.checkInRequired} onChange={(v) => set('checkInRequired', v)} />
          <Switch id='f-sensitive' label='敏感服务（健康、调解）' on={form.sensitive} onChange={(v) => set('sensitive', v)} />
          {(Object.keys(LIMITS) as (keyof Form['nums'])[]).map((k) =>
            k === 'capacity' && form.exclusive ? null : (
              <TextField key={k} id={`f-${k}`} type='number' label={LIMITS[k][3]} value={form.nums[k]} onChange={(v) => setForm((f) => ({ ...f, nums: { ...f.nums, [k]: v } }))} maxlength={5} />
            ),
          )}
          <Text className='section-title'>开放时间（如 09:00-12:00, 14:00-17:00；空=不开放）</Text>
          {WEEKDAY_NAMES.map((w, i) => (
            <TextField key={w} id={`f-hours-${i + 1}`} label={w} value={form.hours[i]} onChange={(v) => setForm((f) => ({ ...f, hours: f.hours.map((h, j) => (j === i ? v : h)) }))} maxlength={80} />
          ))}
          <TextField id='f-closures' label='闭馆日期（每行一个，如 2027-01-01 元旦）' value={form.closures} onChange={(v) => set('closures', v)} multiline maxlength={2000} />
          {problem ? <Text id='manage-problem' className='form-error body-text'>{problem}</Text> : null}
          <View className='btn-row'>
            <Button id='manage-save' loading={busy && !affected} onClick={() => void save(false)}>
              保存
            </Button>
            <Button id='manage-cancel' variant='secondary' disabled={busy} onClick={() => setEditing(null)}>
              返回
            </Button>
          </View>
        </Card>
      )}
      <ConfirmSheet
        open={affected !== null}
        id='affected-sheet'
        title={`有${affected?.length ?? 0}个预约会受影响`}
        confirmText='确认保存并通知居民'
        cancelText='再改改'
        danger
        busy={busy}
        onConfirm={() => void save(true)}
        onCancel={() => setAffected(null)}
      >
        <Text className='body-text notice-block'>保存后这些预约将被取消，居民会收到通知（已同意消息提醒的）并在“我的预约”中看到。</Text>
        {affected?.map((a) => (
          <Text key={a.id} className='body-text notice-line'>{`${a.date} ${a.start} ${a.nameMasked}（${REASONS[a.reason]}）`}</Text>
        ))}
      </ConfirmSheet>
    </PageShell>
  )
}
