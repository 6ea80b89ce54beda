import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { Button, Card, Checkbox, Choice, PageHeader, TextField } from '@/shared/ui'
import { QUESTION_KINDS, QUESTION_KIND_LABELS, type QuestionKind } from '@domain/survey/model'
import { SURVEY_ROUTES } from '../../routes'
import { newQuestion, originFromQuery, toInput, type AudienceKind, type DraftQuestion } from './draft'
import { useLoad } from '../../components/use-load'

const GROUP_POST = '/subpackages/group/pages/post/index'

const DAYS = [7, 14, 30]

/**
 * 新建问卷 (survey.manage): the field study questionnaire in one tap, or a survey of one's own —
 * single, multiple, rating 1–5, short text, matrix. The server checks the structure (≤ 20
 * options, ≤ 10 × 10 matrix, dates) and names the field that is wrong.
 */
export default function BuilderPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const query = originFromQuery(useRouter().params as Record<string, string | undefined>)
  const [title, setTitle] = useState(query.title)
  const [intro, setIntro] = useState('')
  const [questions, setQuestions] = useState<DraftQuestion[]>([])
  const [audience, setAudience] = useState<AudienceKind>('community')
  const [picked, setPicked] = useState<string[]>([])
  const grids = useLoad(communityId ? () => callCloud('community', 'grids', { communityId }) : null, [communityId])
  const pickable = audience === 'grids' || audience === 'buildings'
  const audienceKey = `${audience}:${pickable ? picked.join(',') : ''}`
  // The count is kept with the audience it was asked for, so a stale one is never shown.
  const [counted, setCounted] = useState<{ key: string; households: number } | null>(null)
  const reach = counted && counted.key === audienceKey ? counted.households : null
  // The households addressed, asked of the server whenever the audience changes (before publishing).
  useEffect(() => {
    if (!communityId || (pickable && picked.length === 0)) return
    let live = true
    callCloud('survey', 'audienceCount', { communityId, audience: { kind: audience, ids: pickable ? picked : [] } }).then(
      (r) => live && setCounted({ key: audienceKey, households: r.households }),
      () => live && setCounted(null),
    )
    return () => {
      live = false
    }
  }, [communityId, audienceKey])
  const choose = (kind: AudienceKind) => {
    setAudience(kind)
    setPicked([])
  }
  const toggle = (id: string) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]))
  const buildings = grids.status === 'ready' ? grids.data.grids.flatMap((g) => g.buildingIds.map((id, i) => ({ id, name: g.buildingNames[i] ?? id }))) : []
  const [anonymous, setAnonymous] = useState(true)
  const [oncePer, setOncePer] = useState<'person' | 'household'>('person')
  const [days, setDays] = useState(14)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const created = (surveyId: string) => Taro.redirectTo({ url: `${SURVEY_ROUTES.results}?id=${encodeURIComponent(surveyId)}` })
  const run = async (fn: () => Promise<{ surveyId: string }>) => {
    setBusy(true)
    setError(null)
    try {
      created((await fn()).surveyId)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const fromTemplate = () => {
    const now = new Date()
    return run(() => callCloud('survey', 'createFromTemplate', { communityId, template: 'baseline-2019', opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 30 * 24 * 3600 * 1000).toISOString() }))
  }
  const save = () => run(() => callCloud('survey', 'create', toInput(communityId, { title, intro, questions, audience, audienceIds: picked, anonymous, oncePer, days, origin: query.origin })))
  const edit = (i: number, patch: Partial<DraftQuestion>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)))

  return (
    <PageShell title='新建问卷' id='survey-builder-page'>
      <PageHeader title='新建问卷' intro='可以直接使用长沙八社区实地调查的问卷，结果会和当年的调查数据并排显示。' />
      <Button id='survey-use-template' block loading={busy} disabled={!communityId} onClick={fromTemplate}>
        使用实地调查问卷模板
      </Button>

      {query.origin ? (
        <Card id='survey-origin' title='来自邻里讨论'>
          <Text className='body-text'>{query.title ? `“${query.title}”` : '这份问卷来自居民的讨论'}</Text>
          <Button id='survey-origin-open' variant='text' onClick={() => Taro.navigateTo({ url: `${GROUP_POST}?id=${encodeURIComponent(query.origin!.id)}` })}>
            查看原讨论
          </Button>
        </Card>
      ) : null}
      <Text className='section-title'>或自己设计问卷</Text>
      <Card>
        <TextField id='survey-title' label='问卷标题' value={title} onChange={setTitle} maxlength={200} />
        <TextField id='survey-intro' label='说明（可不填）' value={intro} onChange={setIntro} multiline maxlength={1000} />
      </Card>
      {questions.map((q, i) => (
        <Card key={i} title={`第${i + 1}题 · ${QUESTION_KIND_LABELS[q.kind]}`}>
          <TextField id={`q${i + 1}-title`} label='题目' value={q.title} onChange={(v) => edit(i, { title: v })} maxlength={200} />
          {q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix' ? (
            <TextField id={`q${i + 1}-options`} label={q.kind === 'matrix' ? '每列一行（如 满意 / 一般）' : '选项，每行一个（最多20个）'} value={q.optionsText} onChange={(v) => edit(i, { optionsText: v })} multiline maxlength={2000} />
          ) : null}
          {q.kind === 'matrix' ? <TextField id={`q${i + 1}-rows`} label='要评价的项目，每行一个（最多10个）' value={q.rowsText} onChange={(v) => edit(i, { rowsText: v })} multiline maxlength={2000} /> : null}
          <Checkbox checked={q.required} onChange={(on) => edit(i, { required: on })}>
            必答
          </Checkbox>
          <Button variant='text' onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
            删除这一题
          </Button>
        </Card>
      ))}
      <Card title='添加一题'>
        <View className='choice-grid'>
          {QUESTION_KINDS.map((k: QuestionKind) => (
            <Choice key={k} id={`add-${k}`} label={QUESTION_KIND_LABELS[k]} on={false} onClick={() => setQuestions((qs) => [...qs, newQuestion(k)])} />
          ))}
        </View>
      </Card>
      <Card title='谁来填写'>
        <View className='choice-grid'>
          <Choice id='aud-community' label='全体居民' on={audience === 'community'} onClick={() => choose('community')} />
          <Choice id='aud-owners' label='仅业主' on={audience === 'owners'} onClick={() => choose('owners')} />
          <Choice id='aud-grids' label='按网格' on={audience === 'grids'} onClick={() => choose('grids')} />
          <Choice id='aud-buildings' label='按楼栋' on={audience === 'buildings'} onClick={() => choose('buildings')} />
        </View>
        {audience === 'grids' && grids.status === 'ready' ? (
          <View className='choice-grid' id='aud-grid-list'>
            {grids.data.grids.map((g) => (
              <Choice key={g.id} id={`aud-grid-${g.id}`} label={`${g.name}（${g.buildingNames.join('、')}）`} on={picked.includes(g.id)} onClick={() => toggle(g.id)} />
            ))}
          </View>
        ) : null}
        {audience === 'buildings' && grids.status === 'ready' ? (
          <View className='choice-grid' id='aud-building-list'>
            {buildings.map((b) => (
              <Choice key={b.id} id={`aud-building-${b.id}`} label={b.name} on={picked.includes(b.id)} onClick={() => toggle(b.id)} />
            ))}
          </View>
        ) : null}
        <Text className='body-text survey-reach' id='aud-reach'>
          {pickable && picked.length === 0 ? `请选择${audience === 'grids' ? '网格' : '楼栋'}` : reach === null ? '正在统计…' : `将发给${reach}户（已入住并通过审核的住户）`}
        </Text>
        <View className='choice-grid'>
          <Choice id='once-person' label='每人一份' on={oncePer === 'person'} onClick={() => setOncePer('person')} />
          <Choice id='once-household' label='每户一份' on={oncePer === 'household'} onClick={() => setOncePer('household')} />
        </View>
        <Checkbox id='survey-anonymous' checked={anonymous} onChange={setAnonymous}>
          匿名（不记录填写人、房屋和具体时间）
        </Checkbox>
        <Text className='body-text'>填写期限</Text>
        <View className='choice-grid'>
          {DAYS.map((d) => (
            <Choice key={d} id={`days-${d}`} className='choice--half' label={`${d}天`} on={days === d} onClick={() => setDays(d)} />
          ))}
        </View>
      </Card>
      {error ? <Text className='form-error' id='builder-error'>{error}</Text> : null}
      <Button id='survey-save' block loading={busy} disabled={!communityId || (pickable && picked.length === 0)} onClick={save}>
        保存草稿
      </Button>
    </PageShell>
  )
}
