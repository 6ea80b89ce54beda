import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { CommentView, PostView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Card, ErrorState, Loading, TextField } from '@/shared/ui'
import { PostCard } from '../../components/PostCard'
import '../../components/group.scss'

/** A post with its comments (one level of replies), 赞, 举报, and 提交议事 (raise to the council agenda). */
export default function PostDetailPage() {
  const postId = useRouter().params.id ?? ''
  const [post, setPost] = useState<PostView | null>(null)
  const [comments, setComments] = useState<CommentView[]>([])
  const [error, setError] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<CommentView | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const load = useCallback(() => {
    callCloud('group', 'post.get', { postId })
      .then((r) => {
        setPost(r.post)
        setComments(r.comments)
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
  const report = () =>
    act(async () => {
      const r = await callCloud('group', 'post.report', { targetType: 'post', targetId: postId, reason: '邻居举报' })
      return r.reported ? '已举报，工作人员会处理' : '您已经举报过'
    })
  const raise = () =>
    act(async () => {
      const r = await callCloud('group', 'agenda.raise', { postId, summary: post!.text.slice(0, 300) })
      setPost({ ...post!, agendaItemId: r.item.id })
      return '已提交议事厅，可在议事厅查看进度'
    })

  const top = comments.filter((c) => !c.replyTo)
  return (
    <PageShell title='帖子详情' id='post-page'>
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {!post && !error ? <Loading /> : null}
      {post ? <PostCard post={post} onChange={setPost} detail /> : null}
      {note ? <Text id='post-note' className='status-note body-text'>{note}</Text> : null}
      {post && post.status === 'PUBLISHED' ? (
        <View className='compose-actions'>
          <Button id='post-like' variant='secondary' onClick={() => void like()}>{post.myReactions.includes('like') ? '已赞' : '赞'} {post.reactions.like ?? 0}</Button>
          {!post.mine ? <Button id='post-report' variant='secondary' onClick={() => void report()}>举报</Button> : null}
          {!post.agendaItemId ? <Button id='post-raise' variant='secondary' onClick={() => void raise()}>提交议事</Button> : <Text className='caption'>已提交议事厅</Text>}
        </View>
      ) : null}
      {post ? (
        <Card title={`评论 ${comments.length}`} id='comments'>
          {top.map((c) => (
            <View key={c.id}>
              <View className='comment-row' onClick={() => setReplyTo(c)}>
                <Text className='caption'>{c.authorMasked} · {formatDateTime(c.createdAt)}{c.status !== 'PUBLISHED' ? ' · 待审核' : ''}</Text>
                <Text className='body-text' style={{ display: 'block' }}>{c.text}</Text>
                {c.note ? <Text className='caption'>{c.note}</Text> : null}
              </View>
              {comments.filter((r) => r.replyTo === c.id).map((r) => (
                <View key={r.id} className='comment-row comment-row--reply'>
                  <Text className='caption'>{r.authorMasked} 回复</Text>
                  <Text className='body-text' style={{ display: 'block' }}>{r.text}</Text>
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
