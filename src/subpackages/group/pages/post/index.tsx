import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CommentView, DerivedView, PostView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { can } from '@/features/portal/session-facts'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, ErrorState, Loading, TextField } from '@/shared/ui'
import { DerivedLinks } from '../../components/DerivedLinks'
import { PostCard } from '../../components/PostCard'
import { ModerateBox } from '../../components/ModerateBox'
import { ReasonPicker } from '../../components/ReasonPicker'
import { DECISION_ROUTES, GROUP_ROUTES, originQuery } from '../../components/routes'
import '../../components/group.scss'

const REPORT_PRESETS = ['广告推销', '人身攻击', '不实信息', '泄露他人隐私'] as const
const STEP_LABEL: Record<string, string> = { PASSED: '通过内容检查', HELD: '暂不公开', REFUSED: '未通过内容检查', PUBLISH: '审核公开', HIDE: '隐藏', REMOVE: '删除', MUTE: '禁言', EXPEL: '移出本群' }

/**
 * A post with its comments (one level of replies), 赞, 举报, 提交议事 (raise to the council
 * agenda with a short summary), and for staff 转为问卷 / 转为业主表决; what the post became links back here.
 * The author and moderators see every moderation step with its reason (R5.8).
 */
export default function PostDetailPage() {
  const postId = useRouter().params.id ?? ''
  const session = useSession().data
  const [post, setPost] = useState<PostView | null>(null)
  const [comments, setComments] = useState<CommentView[]>([])
  const [derived, setDerived] = useState<DerivedView[]>([])
  const [moderator, setModerator] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<CommentView | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [panel, setPanel] = useState<null | 'raise' | 'moderate' | { report: 'post' | 'comment'; id: string }>(null)
  const [summary, setSummary] = useState('')
  const [reason, setReason] = useState('')
  const load = useCallback(() => {
    callCloud('group', 'post.get', { postId })
      .then((r) => {
        setPost(r.post)
        setComments(r.comments)
        setDerived(r.derived)
        setModerator(r.canModerate)
      })
      .catch((e: unknown) => setError(errorText(e)))
  }, [postId])
  useEffect(load, [load])

  const act = async (fn: () => Promise<string>) => {
    setNote(null)
    try {
      setNote(await fn())
    } catch (e) {
      setNote(errorText(e))
    }
  }
  const comment = () =>
    act(async () => {
      const r = await callCloud('group', 'post.comment', { postId, text, ...(replyTo ? { replyTo: replyTo.id } : {}) })
      setComments((c) => [...c, r.comment])
      setText('')
      setReplyTo(null)
      return r.comment.status === 'PUBLISHED' ? '评论已发布' : (r.comment.note ?? '评论审核后公开')
    })
  const like = () =>
    act(async () => {
      const on = !post!.myReactions.includes('like')
      const r = await callCloud('group', 'post.react', { postId, reaction: 'like', on })
      setPost({ ...post!, reactions: r.reactions, myReactions: r.myReactions })
      return on ? '已点赞' : '已取消'
    })
  const report = (targetType: 'post' | 'comment', targetId: string) =>
    act(async () => {
      const r = await callCloud('group', 'post.report', { targetType, targetId, reason })
      setPanel(null)
      setReason('')
      return r.reported ? '已举报，工作人员会处理' : '您已经举报过'
    })
  const raise = () =>
    act(async () => {
      const r = await callCloud('group', 'agenda.raise', { postId, summary })
      setPost({ ...post!, agendaItemId: r.item.id })
      setPanel(null)
      return '已提交议事厅，可在议事厅查看进度'
    })
  const pin = () =>
    act(async () => {
      const r = await callCloud('group', 'post.pin', { postId, pinned: !post!.pinned })
      setPost({ ...post!, pinned: r.pinned })
      return r.pinned ? '已置顶' : '已取消置顶'
    })

  const staffSurvey = !!session && can(session, 'survey.manage')
  // Organisers of owners' decisions (业委会, 居委会) can take a discussion to a vote (issue #13 §4).
  const organiser = !!session && can(session, 'election.manage')
  const top = comments.filter((c) => !c.replyTo)
  const reportPanel = (kind: 'post' | 'comment', id: string) =>
    panel && typeof panel === 'object' && panel.id === id ? (
      <View className='report-panel' id={`report-panel-${id}`}>
        <ReasonPicker id={`report-reason-${id}`} presets={REPORT_PRESETS} value={reason} onChange={setReason} label='举报理由（只有工作人员看到）' />
        <View className='compose-actions'>
          <Button id={`report-submit-${id}`} disabled={!reason.trim()} onClick={() => void report(kind, id)}>提交举报</Button>
          <Button variant='secondary' onClick={() => setPanel(null)}>取消</Button>
        </View>
      </View>
    ) : null
  return (
    <PageShell title='帖子详情' id='post-page'>
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!post && !error ? <Loading /> : null}
      {post ? <PostCard post={post} onChange={setPost} detail /> : null}
      {post && post.moderation.length && (post.mine || post.status !== 'PUBLISHED') ? (
        <Card title='审核记录' id='moderation-history'>
          {post.moderation.map((m, i) => (
            <Text key={i} className='caption' style={{ display: 'block' }}>
              {formatDateTime(m.at)} · {m.by} · {STEP_LABEL[m.action] ?? m.action}：{m.reason}
            </Text>
          ))}
        </Card>
      ) : null}
      {note ? <Text id='post-note' className='status-note body-text'>{note}</Text> : null}
      {post ? <DerivedLinks id='post-derived' items={derived} /> : null}
      {post && post.status === 'PUBLISHED' ? (
        <View className='compose-actions'>
          <Button id='post-like' variant='secondary' onClick={() => void like()}>{post.myReactions.includes('like') ? '已赞' : '赞'} {post.reactions.like ?? 0}</Button>
          {!post.mine ? <Button id='post-report' variant='secondary' onClick={() => setPanel({ report: 'post', id: post.id })}>举报</Button> : null}
          {!post.agendaItemId ? (
            <Button id='post-raise' variant='secondary' onClick={() => { setSummary(post.text.slice(0, 300)); setPanel('raise') }}>提交议事</Button>
          ) : (
            <Text className='link caption derived-link' id='post-agenda-link' onClick={() => void Taro.navigateTo({ url: GROUP_ROUTES.agenda })}>已提交议事厅，查看进度 ›</Text>
          )}
          {moderator ? <Button id='post-pin' variant='secondary' onClick={() => void pin()}>{post.pinned ? '取消置顶' : '置顶'}</Button> : null}
          {staffSurvey ? (
            <Button id='post-to-survey' variant='secondary' onClick={() => void Taro.navigateTo({ url: `${DECISION_ROUTES.surveyBuilder}?${originQuery('post', post.id, post.text)}` })}>转为问卷</Button>
          ) : null}
          {organiser ? (
            <Button id='post-to-election' variant='secondary' onClick={() => void Taro.navigateTo({ url: `${DECISION_ROUTES.electionCreate}?${originQuery('post', post.id, post.text)}` })}>转为业主表决</Button>
          ) : null}
        </View>
      ) : null}
      {post ? reportPanel('post', post.id) : null}
      {post && moderator ? (
        panel === 'moderate' ? (
          <Card title='处理这条帖子' id='post-moderate-card'>
            <ModerateBox targetType='post' targetId={post.id} onDone={(m) => { setNote(m); setPanel(null); load() }} />
          </Card>
        ) : (
          <Button id='post-moderate' variant='secondary' block onClick={() => setPanel('moderate')}>{post.status === 'PUBLISHED' ? '处理这条帖子' : '审核这条帖子'}</Button>
        )
      ) : null}
      {panel === 'raise' ? (
        <Card title='提交议事厅' id='raise-card'>
          <TextField id='raise-summary' label='想请居委会讨论什么' value={summary} maxlength={300} multiline onChange={setSummary} />
          <Text className='caption'>议题和这条帖子的讨论会一起公开在议事厅。</Text>
          <View className='compose-actions'>
            <Button id='raise-submit' disabled={!summary.trim()} onClick={() => void raise()}>提交</Button>
            <Button variant='secondary' onClick={() => setPanel(null)}>取消</Button>
          </View>
        </Card>
      ) : null}
      {post ? (
        <Card title={`评论 ${comments.length}`} id='comments'>
          {top.map((c) => (
            <View key={c.id}>
              <View className='comment-row' id={`comment-${c.id}`}>
                <Text className='caption'>{c.authorMasked} · {formatDateTime(c.createdAt)}{c.status !== 'PUBLISHED' ? ' · 待审核' : ''}</Text>
                <Text className='body-text' style={{ display: 'block' }}>{c.text}</Text>
                {c.note ? <Text className='caption'>{c.note}</Text> : null}
                {post.status === 'PUBLISHED' && c.status === 'PUBLISHED' ? (
                  <View className='compose-actions'>
                    <Text className='link caption comment-action' id={`reply-${c.id}`} onClick={() => setReplyTo(c)}>回复</Text>
                    {!c.mine ? <Text className='link caption comment-action' id={`report-${c.id}`} onClick={() => setPanel({ report: 'comment', id: c.id })}>举报</Text> : null}
                  </View>
                ) : null}
              </View>
              {reportPanel('comment', c.id)}
              {comments.filter((r) => r.replyTo === c.id).map((r) => (
                <View key={r.id} className='comment-row comment-row--reply' id={`comment-${r.id}`}>
                  <Text className='caption'>{r.authorMasked} 回复{r.status !== 'PUBLISHED' ? ' · 待审核' : ''}</Text>
                  <Text className='body-text' style={{ display: 'block' }}>{r.text}</Text>
                  {r.note ? <Text className='caption'>{r.note}</Text> : null}
                </View>
              ))}
            </View>
          ))}
          {post.status === 'PUBLISHED' ? (
            <>
              <TextField id='comment-text' label={replyTo ? `回复 ${replyTo.authorMasked}` : '写评论'} value={text} maxlength={500} multiline onChange={setText} />
              <View className='compose-actions'>
                <Button id='comment-submit' disabled={!text.trim()} onClick={() => void comment()}>发送</Button>
                {replyTo ? <Button variant='text' onClick={() => setReplyTo(null)}>不回复了</Button> : null}
              </View>
            </>
          ) : null}
        </Card>
      ) : null}
    </PageShell>
  )
}
