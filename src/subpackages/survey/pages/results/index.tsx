import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, ErrorState, Loading, PageHeader } from '@/shared/ui'
import { SURVEY_STATUS_LABELS } from '@domain/survey/model'
import { Bars, cellText } from '../../components/Bars'
import { useLoad } from '../../components/use-load'
import { SAVE_CSV_LABEL, saveCsv } from './save-csv'
import { SURVEY_ROUTES } from '../../routes'

const GROUP_POST = '/subpackages/group/pages/post/index'

type Results = CallOutput<'survey', 'results'>
type QuestionResult = Results['questions'][number]

function QuestionChart({ q, index }: { q: QuestionResult; index: number }) {
  return (
    <Card title={`${index + 1}. ${q.title}`} id={`result-${q.questionId}`}>
      <Text className='caption'>{`${q.answered}人回答${q.mean !== null ? ` · 平均${q.mean}分` : ''}`}</Text>
      {q.cells.length ? <Bars id={`chart-${q.questionId}`} items={q.cells.map((c) => ({ id: c.id, label: c.label, share: c.share, text: cellText(c.count, c.share) }))} /> : null}
      {q.rows.map((r) => (
        <View key={r.id} className='matrix-row'>
          <Text className='title'>{r.label}</Text>
          <Bars id={`chart-${q.questionId}-${r.id}`} items={r.cells.map((c) => ({ id: c.id, label: c.label, share: c.share, text: cellText(c.count, c.share) }))} />
        </View>
      ))}
      {q.kind === 'text' ? (
        <View>
          {q.texts.map((t, i) => (
            <Text key={i} className='body-text notice-line'>{`“${t}”`}</Text>
          ))}
          {q.held ? <Text className='caption'>{`另有${q.held}条回答待审核，公开前不显示`}</Text> : null}
          {q.refused ? <Text className='caption'>{`${q.refused}条回答审核后不公开`}</Text> : null}
          {q.texts.length === 0 && !q.held ? <Text className='caption'>还没有文字回答</Text> : null}
        </View>
      ) : null}
      {q.suppressed ? <Text className='caption'>少于5人的选项不显示人数，避免认出具体的人。</Text> : null}
    </Card>
  )
}

/** 问卷结果 (survey.manage): publish / close, charts per question, CSV export. */
export default function ResultsPage() {
  const surveyId = useRouter().params.id ?? ''
  const communityId = useSession().data?.currentCommunity?.id ?? ''
  const info = useLoad(surveyId ? () => callCloud('survey', 'get', { surveyId }) : null, [surveyId])
  const results = useLoad(surveyId && communityId ? () => callCloud('survey', 'results', { surveyId, communityId }) : null, [surveyId, communityId])
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Back from 审核文字回答: read the results again (released texts appear, the held count drops).
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) results.reload()
    shown.current = true
  })
  const held = results.status === 'ready' ? results.data.questions.reduce((n, q) => n + q.held, 0) : 0

  const act = async (what: 'publish' | 'close' | 'export') => {
    setBusy(true)
    setNote(null)
    try {
      if (what === 'export') {
        const r = await callCloud('survey', 'export', { surveyId, communityId })
        setNote(await saveCsv(r.filename, r.csvBase64))
      } else {
        await callCloud('survey', what, { surveyId, communityId })
        setNote(what === 'publish' ? '已发布，居民现在可以填写' : '问卷已结束')
        info.reload()
        results.reload()
      }
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='问卷结果' id='survey-results-page'>
      {info.status === 'ready' ? <PageHeader title={info.data.title} caption={`${SURVEY_STATUS_LABELS[info.data.status]} · ${info.data.anonymous ? '匿名' : '实名'}`} /> : null}
      {info.status === 'error' ? <ErrorState message={info.message} onRetry={info.reload} /> : null}
      {info.status === 'ready' ? (
        <View className='btn-row'>
          {info.data.status === 'DRAFT' ? (
            <Button id='survey-publish' loading={busy} onClick={() => act('publish')}>
              发布问卷
            </Button>
          ) : null}
          {info.data.status === 'PUBLISHED' ? (
            <Button id='survey-close' variant='secondary' loading={busy} onClick={() => act('close')}>
              结束问卷
            </Button>
          ) : null}
          <Button id='survey-export' variant='secondary' loading={busy} onClick={() => act('export')}>
            {SAVE_CSV_LABEL}
          </Button>
        </View>
      ) : null}
      {note ? <Text className='status-note' id='survey-note'>{note}</Text> : null}
      {info.status === 'ready' && info.data.origin ? (
        <Button id='survey-origin-open' variant='text' onClick={() => Taro.navigateTo({ url: `${GROUP_POST}?id=${encodeURIComponent(info.data.origin!.id)}` })}>
          来自邻里讨论：查看原讨论
        </Button>
      ) : null}
      {held > 0 ? (
        <Button id='survey-review' block variant='secondary' onClick={() => Taro.navigateTo({ url: `${SURVEY_ROUTES.review}?id=${encodeURIComponent(surveyId)}` })}>
          {`审核文字回答（${held}条待审核）`}
        </Button>
      ) : null}
      {results.status === 'ready' ? (
        <Button id='survey-to-action' block variant='text' onClick={() => Taro.navigateTo({ url: `${SURVEY_ROUTES.actions}?sourceKind=survey&sourceRef=${encodeURIComponent(surveyId)}&sourceLabel=${encodeURIComponent(`问卷：${results.data.title}`)}` })}>
          把发现变成“你说我办”事项
        </Button>
      ) : null}
      {results.status === 'loading' ? <Loading /> : null}
      {results.status === 'error' ? <ErrorState message={results.message} onRetry={results.reload} /> : null}
      {results.status === 'ready' ? (
        <>
          <Text className='section-title' id='survey-respondents'>{`共${results.data.respondents}份答卷`}</Text>
          {results.data.questions.map((q, i) => (
            <QuestionChart key={q.questionId} q={q} index={i} />
          ))}
        </>
      ) : null}
    </PageShell>
  )
}
