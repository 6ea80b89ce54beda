import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PostView } from '@domain/group/contract'
import { callCloud } from '@/services/cloud'
import { errorText } from '@/features/consent/messages'
import { formatDateTime } from '@/shared/lib/dates'
import { Button, Choice, TextField } from '@/shared/ui'
import { CloudImages } from '@/features/media/CloudImages'
import { GROUP_ROUTES } from './routes'

const STATUS_LABEL: Record<PostView['status'], string> = { PUBLISHED: '', HELD: '待审核', HIDDEN: '已隐藏', REMOVED: '已删除' }

/**
 * One post in a feed or on its detail page: text, the author's note when held (only the author and
 * moderators receive it), and the 接龙 / poll inline, so joining or voting is one tap from the feed.
 */
export function PostCard({ post, onChange, detail }: { post: PostView; onChange: (p: PostView) => void; detail?: boolean }) {
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<string | null>(null)
  const [values, setValues] = useState<Record<string, string>>({})
  const [choices, setChoices] = useState<string[]>([])
  const run = async (fn: () => Promise<PostView>) => {
    setBusy(true)
    setMsg(null)
    try {
      onChange(await fn())
    } catch (e) {
      setMsg(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const chain = post.chain
  const poll = post.poll
  const joined = chain?.entries.some((e) => e.mine)
  return (
    <View className='card post-card' id={`post-${post.id}`}>
      <View className='post-card__meta'>
        <Text className='caption'>
          {post.pinned ? '置顶 · ' : ''}
          {post.authorMasked} · {formatDateTime(post.createdAt)}
        </Text>
        {STATUS_LABEL[post.status] ? <Text className='tag post-card__status'>{STATUS_LABEL[post.status]}</Text> : null}
      </View>
      <Text className='body-text post-card__text' onClick={detail ? undefined : () => void Taro.navigateTo({ url: `${GROUP_ROUTES.post}?id=${post.id}` })}>
        {post.text}
      </Text>
      {post.note ? <Text className='status-note caption post-card__note'>{post.note}</Text> : null}
      <CloudImages fileIds={post.images} held={post.imagesHeld} />

      {chain ? (
        <View className='post-card__chain' id={`chain-${post.id}`}>
          <Text className='body-text'>
            接龙 {chain.count}/{chain.cap} · 截止 {formatDateTime(chain.deadline)}
            {chain.closed ? '（已结束）' : ''}
          </Text>
          {chain.entries.map((e, i) => (
            <Text key={i} className='caption chain-entry'>
              {i + 1}. {e.nameMasked} {Object.values(e.values).join(' ')}
            </Text>
          ))}
          {!joined && !chain.closed && post.status === 'PUBLISHED'
            ? chain.fields.map((f) => (
                <TextField key={f.key} id={`chain-${post.id}-${f.key}`} label={f.label} value={values[f.key] ?? ''} type={f.kind === 'text' ? 'text' : 'number'} maxlength={f.kind === 'phone' ? 11 : 20} onChange={(v) => setValues({ ...values, [f.key]: v })} />
              ))
            : null}
          {!chain.closed && post.status === 'PUBLISHED' ? (
            joined ? (
              <Button id={`chain-leave-${post.id}`} variant='secondary' loading={busy} onClick={() => void run(async () => (await callCloud('group', 'chain.leave', { postId: post.id })).post)}>
                退出接龙
              </Button>
            ) : (
              <Button id={`chain-join-${post.id}`} loading={busy} onClick={() => void run(async () => (await callCloud('group', 'chain.join', { postId: post.id, values })).post)}>
                我要接龙
              </Button>
            )
          ) : null}
        </View>
      ) : null}

      {poll ? (
        <View className='post-card__poll' id={`poll-${post.id}`}>
          <Text className='caption'>
            {poll.multiple ? '多选' : '单选'} · {poll.anonymous ? '匿名' : '实名'} · 截止 {formatDateTime(poll.deadline)}
          </Text>
          {poll.options.map((o) => (
            <View key={o.id} className='poll-option'>
              {poll.resultsVisible || poll.closed ? (
                <Text className='body-text'>
                  {poll.myChoices.includes(o.id) ? '✓ ' : ''}
                  {o.text}：{o.votes ?? 0} 票{o.votersMasked?.length ? `（${o.votersMasked.join('、')}）` : ''}
                </Text>
              ) : (
                <Choice id={`poll-${post.id}-${o.id}`} label={o.text} on={choices.includes(o.id)} onClick={() => setChoices(poll.multiple ? (choices.includes(o.id) ? choices.filter((c) => c !== o.id) : [...choices, o.id]) : [o.id])} />
              )}
            </View>
          ))}
          {!poll.resultsVisible && !poll.closed ? (
            <Button id={`poll-vote-${post.id}`} disabled={!choices.length} loading={busy} onClick={() => void run(async () => (await callCloud('group', 'poll.vote', { postId: post.id, choices })).post)}>
              投票
            </Button>
          ) : (
            <Text className='caption'>共 {poll.voters ?? 0} 人投票</Text>
          )}
        </View>
      ) : null}

      {msg ? <Text className='form-error body-text'>{msg}</Text> : null}
      {!detail ? (
        <Text className='link caption post-card__comments' onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.post}?id=${post.id}` })}>
          评论 {post.commentCount} · 赞 {post.reactions.like ?? 0}
        </Text>
      ) : null}
    </View>
  )
}
