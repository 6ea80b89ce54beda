import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Card, Empty, ErrorState, Loading, PageHeader } from '@/shared/ui'
import type { Answers, AnswerValue } from '@domain/survey/model'
import { useLoad } from '../../components/use-load'
import { SURVEY_ROUTES } from '../../routes'
import { QuestionStep, stepDone } from './QuestionStep'

/**
 * 填写问卷 in steps: an introduction, then one question a screen with 上一题 / 下一题, then a
 * review step that submits. Errors from the server (already answered, closed) are shown in its words.
 */
export default function AnswerPage() {
  const surveyId = useRouter().params.id ?? ''
  const survey = useLoad(surveyId ? () => callCloud('survey', 'get', { surveyId }) : null, [surveyId])
  const [step, setStep] = useState(-1)
  const [answers, setAnswers] = useState<Answers>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (survey.status !== 'ready') {
    return (
      <PageShell title='填写问卷' id='survey-answer-page'>
        {survey.status === 'loading' ? <Loading /> : <ErrorState message={survey.message} onRetry={survey.reload} />}
      </PageShell>
    )
  }
  const s = survey.data
  const qs = s.questions
  const q = step >= 0 && step < qs.length ? qs[step] : null
  const set = (id: string, v: AnswerValue | undefined) => {
    setError(null)
    setAnswers((a) => {
      const next = { ...a }
      if (v === undefined) delete next[id]
      else next[id] = v
      return next
    })
  }
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await callCloud('survey', 'respond', { surveyId, answers })
      Taro.redirectTo({ url: `${SURVEY_ROUTES.thanks}?held=${r.held}&anonymous=${s.anonymous ? 1 : 0}` })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='填写问卷' id='survey-answer-page'>
      <PageHeader title={s.title} caption={`${s.anonymous ? '匿名问卷：不记录您是谁' : '实名问卷'} · ${s.oncePer === 'household' ? '每户填写一份' : '每人填写一份'}`} />
      {!s.canAnswer && step === -1 ? <Empty id='survey-cannot-answer' title={s.answered ? '您已经填写过这份问卷，谢谢！' : s.status === 'CLOSED' ? '这份问卷已经结束' : '这份问卷现在不能填写'} /> : null}
      {s.canAnswer && step === -1 ? (
        <Card>
          <Text className='body-text'>{s.intro || '感谢您参与社区问卷。'}</Text>
          <Text className='caption'>{`共${qs.length}题，一题一页，可以随时返回上一题。`}</Text>
          <Button id='survey-start' block onClick={() => setStep(0)}>
            开始填写
          </Button>
        </Card>
      ) : null}
      {q ? (
        <Card>
          <Text className='survey-step'>{`第${step + 1}题 / 共${qs.length}题${q.required ? '' : '（可不答）'}`}</Text>
          <Text className='survey-question' id='survey-question-title'>
            {q.title}
          </Text>
          <QuestionStep q={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />
          <View className='btn-row'>
            <Button id='survey-prev' variant='secondary' onClick={() => setStep(step - 1)}>
              上一题
            </Button>
            <Button id='survey-next' disabled={!stepDone(q, answers[q.id])} onClick={() => setStep(step + 1)}>
              {step + 1 === qs.length ? '检查并提交' : '下一题'}
            </Button>
          </View>
        </Card>
      ) : null}
      {step === qs.length ? (
        <Card>
          <Text className='body-text'>{`您已回答${Object.keys(answers).length}题（共${qs.length}题）。提交后不能修改。`}</Text>
          {error ? <Text className='form-error' id='survey-error'>{error}</Text> : null}
          <View className='btn-row'>
            <Button id='survey-back' variant='secondary' onClick={() => setStep(qs.length - 1)}>
              返回修改
            </Button>
            <Button id='survey-submit' loading={busy} onClick={submit}>
              提交问卷
            </Button>
          </View>
        </Card>
      ) : null}
    </PageShell>
  )
}
