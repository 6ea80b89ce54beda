import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, Choice, Empty, PageHeader, TextField } from '@/shared/ui'
import { capabilityScope } from '@domain/access/capabilities'
import { CARE_TAG_LABELS, CARE_TAGS, CATEGORY_LABELS } from '@domain/notice/model'
import { allowedCategories, composeProblems, EMPTY_COMPOSE, publishInput, type ComposeState } from './compose-form'
import { ImagePicker } from '@/features/media/ImagePicker'
import { uploadAll, type PickedImage } from '@/features/media/images'

/** At most 9 images a notice (the contract's limit). */
const MAX_IMAGES = 9

type Grid = CallOutput<'community', 'grids'>['grids'][number]
const URGENT_HOURS = [
  [24, '24小时'],
  [72, '3天'],
  [168, '7天'],
] as const

const RELATIONS = [
  ['ALL', '全部住户'],
  ['OWNERS', '仅业主'],
  ['TENANTS', '仅租户'],
] as const
const VISIT_DAYS = [1, 2, 3, 7] as const

/**
 * 发布通知 (notice.publish): title, body, category, audience (whole community or grids — grid
 * workers only their own, R7.2 — optionally some of their buildings, owners or tenants only, or
 * households with a care tag), 需确认, 紧急 with a mandatory expiry, publish now or tomorrow
 * morning, up to 9 images (shared media module: residents see them once checked, R5.8), a
 * subscribe-message poke (R5.6) and when unread households become visit tasks (R7.3). The body is checked by msgSecCheck on the
 * server (R5.8): it may be held for a second staff member or refused with the reason.
 */
export default function ComposePage() {
  const session = useSession().data
  const community = session?.currentCommunity ?? null
  const roles = (session?.roles ?? []).filter((r) => r.communityId === community?.id).map((r) => r.role)
  const scope = community ? capabilityScope(session?.roles ?? [], 'notice.publish', community.id) : null
  const categories = allowedCategories(roles)
  const [grids, setGrids] = useState<Grid[]>([])
  const [s, setS] = useState<ComposeState>(() => ({ ...EMPTY_COMPOSE, gridIds: scope === 'all' ? null : [...(scope ?? [])], category: categories[0] ?? 'NOTICE' }))
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [held, setHeld] = useState<string | null>(null)
  const [images, setImages] = useState<PickedImage[]>([])
  const set = (patch: Partial<ComposeState>) => setS((x) => ({ ...x, ...patch }))

  useEffect(() => {
    if (!community) return
    // The session may arrive after the first render: preselect the worker's own grids then.
    setS((x) => ({ ...x, gridIds: scope === 'all' ? null : [...(scope ?? [])], category: categories.includes(x.category) ? x.category : (categories[0] ?? 'NOTICE') }))
    callCloud('community', 'grids', { communityId: community.id })
      .then((r) => setGrids(scope === 'all' ? r.grids : r.grids.filter((g) => scope?.includes(g.id))))
      .catch((e: unknown) => setProblem(errorText(e)))
  }, [community?.id])

  if (!community || !scope) {
    return (
      <PageShell title='发布通知' id='compose-page'>
        <Empty title='没有发布通知的权限' />
      </PageShell>
    )
  }
  const problems = tried ? composeProblems(s) : {}
  // Buildings on offer: those of the chosen grids (all grids for a community-wide notice).
  const offeredBuildings = grids
    .filter((g) => s.gridIds === null || s.gridIds.includes(g.id))
    .flatMap((g) => g.buildingIds.map((id, i) => ({ id, name: g.buildingNames[i] ?? id })))
  const toggleGrid = (id: string) => {
    const gridIds = (s.gridIds ?? []).includes(id) ? (s.gridIds ?? []).filter((g) => g !== id) : [...(s.gridIds ?? []), id]
    // A building of a grid no longer chosen leaves the choice with it.
    const keep = new Set(grids.filter((g) => gridIds.includes(g.id)).flatMap((g) => g.buildingIds))
    set({ gridIds, buildingIds: s.buildingIds === null ? null : s.buildingIds.filter((b) => keep.has(b)) })
  }
  const toggleBuilding = (id: string) => set({ buildingIds: (s.buildingIds ?? []).includes(id) ? (s.buildingIds ?? []).filter((b) => b !== id) : [...(s.buildingIds ?? []), id] })
  // Care tags and 仅业主/仅租户 exclude each other (the server could not count such a reach).
  const toggleTag = (t: (typeof CARE_TAGS)[number]) => set({ tags: s.tags.includes(t) ? s.tags.filter((x) => x !== t) : [...s.tags, t], relation: 'ALL' })

  const submit = async () => {
    setTried(true)
    if (Object.keys(composeProblems(s)).length) return
    setBusy(true)
    setProblem(null)
    try {
      // Every image first: a failed upload throws here and nothing is published. The server checks
      // that they are the caller's uploads and has each one checked (mediaCheckAsync, R5.8).
      const fileIds = images.length ? await uploadAll(images, 'notice') : []
      const { notice } = await callCloud('notice', 'publish', { ...publishInput(s, community.id, new Date()), images: fileIds })
      if (notice.status === 'HELD') setHeld(notice.holdReason === 'REVIEW' ? '内容需要人工复核，已提交居委会工作人员审核，通过后发布。' : '内容安全检查暂不可用，已提交人工审核，通过后发布。')
      else await Taro.redirectTo({ url: `${ROUTES.gridReach}?id=${encodeURIComponent(notice.id)}` })
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  if (held) {
    return (
      <PageShell title='发布通知' id='compose-page'>
        <Empty id='compose-held' title='已提交审核' description={held} action={<Button onClick={() => void Taro.redirectTo({ url: ROUTES.gridMine })}>我发布的通知</Button>} />
      </PageShell>
    )
  }

  return (
    <PageShell title='发布通知' id='compose-page'>
      <PageHeader title='发布通知' caption={community.name} />
      <Card>
        <TextField id='compose-title' label='标题' value={s.title} onChange={(v) => set({ title: v })} maxlength={40} error={problems.title} />
        <TextField id='compose-body' label='正文' value={s.body} onChange={(v) => set({ body: v })} multiline maxlength={2000} error={problems.body} hint='发布前会经过内容安全检查' />
      </Card>
      <Card title='类别'>
        <View className='choice-grid' ariaRole='radiogroup'>
          {categories.map((c) => (
            <Choice key={c} id={`compose-category-${c}`} label={CATEGORY_LABELS[c]} on={s.category === c} onClick={() => set({ category: c })} />
          ))}
        </View>
        {s.category === 'URGENT' ? (
          <>
            <Text className='body-text'>紧急通知置顶，到期后取消置顶：</Text>
            <View className='choice-grid' ariaRole='radiogroup'>
              {URGENT_HOURS.map(([h, label]) => (
                <Choice key={h} id={`compose-expiry-${h}`} label={label} on={s.urgentHours === h} onClick={() => set({ urgentHours: h })} />
              ))}
            </View>
          </>
        ) : null}
      </Card>
      <Card title='发送范围'>
        {scope === 'all' ? <Choice id='compose-scope-community' label='全社区' on={s.gridIds === null} onClick={() => set({ gridIds: null })} /> : null}
        {grids.map((g) => (
          <Checkbox key={g.id} id={`compose-grid-${g.id}`} checked={(s.gridIds ?? []).includes(g.id)} onChange={() => toggleGrid(g.id)}>
            {`${g.name}（${g.buildingNames.join('、')}）`}
          </Checkbox>
        ))}
        <Checkbox id='compose-by-building' checked={s.buildingIds !== null} onChange={(on) => set({ buildingIds: on ? [] : null })}>
          只发给其中部分楼栋
        </Checkbox>
        {s.buildingIds !== null ? (
          <View className='choice-grid'>
            {offeredBuildings.map((b) => (
              <Choice key={b.id} id={`compose-building-${b.id}`} label={b.name} on={s.buildingIds?.includes(b.id) ?? false} onClick={() => toggleBuilding(b.id)} />
            ))}
          </View>
        ) : null}
        {problems.audience ? <Text className='form-error body-text'>{problems.audience}</Text> : null}
        <Text className='caption'>住户身份：</Text>
        <View className='choice-grid' ariaRole='radiogroup'>
          {RELATIONS.map(([r, label]) => (
            <Choice key={r} id={`compose-relation-${r}`} label={label} on={s.relation === r} onClick={() => set({ relation: r, tags: r === 'ALL' ? s.tags : [] })} />
          ))}
        </View>
        <Text className='caption'>只发给有以下关爱类别的住户（可不选）：</Text>
        {CARE_TAGS.map((t) => (
          <Checkbox key={t} id={`compose-tag-${t}`} checked={s.tags.includes(t)} onChange={() => toggleTag(t)}>
            {CARE_TAG_LABELS[t]}
          </Checkbox>
        ))}
      </Card>
      <Card title='图片（可不选）' id='compose-images'>
        {/* Type and size are checked when picked; all are uploaded before publishing (below). */}
        <ImagePicker value={images} onChange={setImages} max={MAX_IMAGES} />
      </Card>
      <Card>
        <Checkbox id='compose-ack' checked={s.ackRequired} onChange={(v) => set({ ackRequired: v })}>
          需要住户确认“我已知晓”
        </Checkbox>
        <Checkbox id='compose-tomorrow' checked={s.publishTomorrow} onChange={(v) => set({ publishTomorrow: v })}>
          定时发布：明天上午8点
        </Checkbox>
        <Checkbox id='compose-poke' checked={s.poke} onChange={(v) => set({ poke: v })}>
          发微信提醒给已订阅的住户
        </Checkbox>
      </Card>
      <Card title='未读住户转为走访'>
        <Text className='caption'>发布后几天仍未读的住户，列入网格员的上门走访任务：</Text>
        <View className='choice-grid' ariaRole='radiogroup'>
          {VISIT_DAYS.map((d) => (
            <Choice key={d} id={`compose-visit-${d}`} label={`${d}天`} on={s.visitAfterDays === d} onClick={() => set({ visitAfterDays: d })} />
          ))}
        </View>
      </Card>
      {problem ? <Text className='form-error body-text' id='compose-error'>{problem}</Text> : null}
      <Button id='compose-submit' block loading={busy} onClick={() => void submit()}>
        {s.publishTomorrow ? '定时发布' : '发布'}
      </Button>
    </PageShell>
  )
}
