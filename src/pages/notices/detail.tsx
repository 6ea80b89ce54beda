import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { refreshNoticeBadge } from '@/features/notices/badge'
import { requestSubscribe } from '@/features/notices/request-subscribe'
import { CloudImages } from '@/features/media/CloudImages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { CATEGORY_LABELS } from '@domain/notice/model'

type Detail = CallOutput<'notice', 'get'>

/**
 * One notice. Opening it records the read receipt of the household (one per household and notice,
 * however often it is opened); 我已知晓 where asked; a private question to the author.
 */
export default function NoticeDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [detail, setDetail] = useState<Detail | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [question, setQuestion] = useState('')
  const [note, setNote] = useState<string | null>(null)
  const [templateIds, setTemplateIds] = useState<string[]>([])
  const [answers, setAnswers] = useState<Record<string, string>>({})

  const load = useCallback(async () => {
    setProblem(null)
    try {
      const d = await callCloud('notice', 'get', { noticeId: id })
      setDetail(d)
      // Loaded before any tap, so the tap itself can open WeChat's dialog at once (R5.7).
      callCloud('subscribe', 'templates', {})
        .then((r) => setTemplateIds(r.templates.filter((t) => t.kind === 'ONE_TIME').slice(0, 3).map((t) => t.id)))
        .catch(() => setTemplateIds([]))
      if (d.addressedToMe && !d.notice.read) {
        await callCloud('notice', 'markRead', { noticeId: id })
        setDetail({ ...d, notice: { ...d.notice, read: true } })
        void refreshNoticeBadge()
      }
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [id])
  useEffect(() => void load(), [load])

  const acknowledge = async () => {
    setBusy(true)
    try {
      await callCloud('notice', 'acknowledge', { noticeId: id })
      setDetail((d) => (d ? { ...d, notice: { ...d.notice, acknowledged: true, read: true } } : d))
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  /** R5.6: offer a top-up of the one-time credit after reading; the request runs inside this tap (R5.7). */
  const subscribe = async () => {
    setProblem(null)
    if (templateIds.length === 0) return
    try {
      // First thing in the tap: WeChat only shows the dialog for a user gesture.
      const results = await requestSubscribe(templateIds)
      await callCloud('subscribe', 'record', { results })
      setNote(results.some((r) => r.result === 'accept') ? '已订阅：下一条通知发布时会提醒您一次。' : '未订阅，您仍可以在“通知”中查看。')
    } catch (e) {
      setProblem(errorText(e))
    }
  }
  const answer = async (questionId: string) => {
    setBusy(true)
    try {
      const r = await callCloud('notice', 'answer', { questionId, text: (answers[questionId] ?? '').trim() })
      setDetail((d) => (d ? { ...d, questions: d.questions.map((q) => (q.id === questionId ? r.question : q)) } : d))
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const ask = async () => {
    setBusy(true)
    try {
      const r = await callCloud('notice', 'ask', { noticeId: id, text: question.trim() })
      setDetail((d) => (d ? { ...d, questions: [r.question, ...d.questions] } : d))
      setQuestion('')
      setNote('已发送给发布人，回复只有您家能看到。')
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  const n = detail?.notice
  return (
    <PageShell title='通知详情' id='notice-detail-page'>
      {!detail && !problem ? <Loading /> : null}
      {problem && !detail ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {n ? (
        <>
          <PageHeader title={n.title} caption={`${CATEGORY_LABELS[n.category]} · ${n.authorName} · ${formatDateTime(n.publishedAt)}`} />
          {n.pinned && n.expiresAt ? <Text className='status-note body-text' id='notice-pinned'>{`紧急通知，置顶至 ${formatDateTime(n.expiresAt)}`}</Text> : null}
          {n.updated ? <Text className='status-note body-text' id='notice-updated'>这条通知的内容已更新，请重新阅读。</Text> : null}
          <Card>
            <Text className='body-text notice-body' id='notice-body' userSelect>
              {n.body}
            </Text>
          </Card>
          {n.images.length || n.heldImages ? (
            <Card id='notice-images'>
              <CloudImages fileIds={n.images} held={n.heldImages} />
            </Card>
          ) : null}
          {detail.addressedToMe && n.ackRequired ? (
            n.acknowledged ? (
              <Text className='status-note body-text' id='notice-acknowledged'>✓ 您家已确认知晓</Text>
            ) : (
              <Button id='notice-ack-btn' block loading={busy} onClick={() => void acknowledge()}>
                我已知晓
              </Button>
            )
          ) : null}
          {detail.manage || !detail.addressedToMe ? (
            <Button id='notice-reach-btn' variant='secondary' block onClick={() => void Taro.navigateTo({ url: `${ROUTES.gridReach}?id=${encodeURIComponent(id)}` })}>
              查看送达情况
            </Button>
          ) : null}
          {detail.addressedToMe && templateIds.length ? (
            <Button id='notice-subscribe-btn' variant='secondary' block onClick={() => void subscribe()}>
              订阅后续通知
            </Button>
          ) : null}
          {detail.addressedToMe ? (
            <Card title='私信发布人'>
              <TextField id='notice-question' label='您的问题（仅发布人可见）' value={question} onChange={setQuestion} multiline maxlength={300} />
              <Button id='notice-ask-btn' variant='secondary' block disabled={question.trim().length < 2} loading={busy} onClick={() => void ask()}>
                发送提问
              </Button>
              {note ? <Text className='status-note body-text' id='notice-note'>{note}</Text> : null}
            </Card>
          ) : null}
          {detail.questions.length ? (
            <View className='list' id='notice-questions'>
              {detail.questions.map((q) => (
                <View key={q.id} className='notice-line'>
                  <Text className='body-text'>{`问（${q.unitLabel}）：${q.text}`}</Text>
                  <Text className='body-text'>{q.answer ? `答：${q.answer}` : '等待发布人回复'}</Text>
                  {detail.manage && !q.answer ? (
                    <>
                      <TextField id={`answer-${q.id}`} label='回复（仅该户可见）' value={answers[q.id] ?? ''} onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))} maxlength={500} />
                      <Button variant='secondary' disabled={(answers[q.id] ?? '').trim().length < 2} loading={busy} onClick={() => void answer(q.id)}>
                        回复
                      </Button>
                    </>
                  ) : null}
                </View>
              ))}
            </View>
          ) : null}
          {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
        </>
      ) : null}
    </PageShell>
  )
}
