import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import type { CallOutput } from '@/services/cloud'
import type { PostView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud } from '@/services/cloud'
import { Button, Card, Choice, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { ImagePicker } from '@/features/media/ImagePicker'
import { uploadAll, type PickedImage } from '@/features/media/images'
import { PostCard } from '../../components/PostCard'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

type Group = CallOutput<'group', 'get'>
type Mode = 'TEXT' | 'CHAIN' | 'POLL'
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString()
const DEADLINES = [1, 3, 7] as const
/** 接龙 fields a tap away — only what the organiser needs (collect the minimum, R4). */
const CHAIN_FIELDS = [
  { key: 'people', label: '人数', kind: 'number' },
  { key: 'phone', label: '电话', kind: 'phone' },
  { key: 'note', label: '备注', kind: 'text' },
] as const

/**
 * A group's feed, newest first, more by cursor at the bottom. Posting takes two taps: 发帖 opens
 * the box (WeChat's keyboard offers voice input, 长辈版 included), 发布 sends it. What the content
 * check holds comes back with its note, visible only to the author.
 */
export default function GroupFeedPage() {
  const groupId = useRouter().params.id ?? ''
  const [group, setGroup] = useState<Group | null>(null)
  const [pinned, setPinned] = useState<PostView[]>([])
  const [posts, setPosts] = useState<PostView[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [composing, setComposing] = useState(false)
  const [mode, setMode] = useState<Mode>('TEXT')
  const [text, setText] = useState('')
  const [options, setOptions] = useState(['', ''])
  const [cap, setCap] = useState('20')
  const [days, setDays] = useState<number>(7)
  const [fields, setFields] = useState<string[]>([])
  const [multiple, setMultiple] = useState(false)
  const [named, setNamed] = useState(false)
  const [photos, setPhotos] = useState<PickedImage[]>([])
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const [g, feed] = await Promise.all([callCloud('group', 'get', { groupId }), callCloud('group', 'post.list', { groupId })])
      setGroup(g)
      setPinned(feed.pinned)
      setPosts(feed.posts)
      setCursor(feed.nextCursor)
      void Taro.setNavigationBarTitle({ title: g.group.name })
    } catch (e) {
      setError(errorText(e))
    }
  }, [groupId])
  useEffect(() => void load(), [load])
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  const more = async () => {
    if (!cursor) return
    const feed = await callCloud('group', 'post.list', { groupId, cursor })
    setPosts((p) => [...p, ...feed.posts.filter((x) => !p.some((y) => y.id === x.id))])
    setCursor(feed.nextCursor)
  }
  useReachBottom(() => void more())

  const publish = async () => {
    setBusy(true)
    setNote(null)
    try {
      const r =
        mode === 'TEXT'
          ? await callCloud('group', 'post.create', { groupId, text, images: photos.length ? await uploadAll(photos, 'group') : [] })
          : mode === 'CHAIN'
            ? await callCloud('group', 'chain.create', { groupId, text, cap: Number(cap) || 20, deadline: inDays(days), fields: CHAIN_FIELDS.filter((f) => fields.includes(f.key)).map((f) => ({ ...f })) })
            : await callCloud('group', 'poll.create', { groupId, text, options: options.filter((o) => o.trim()), multiple, anonymous: !named, deadline: inDays(days) })
      setPosts((p) => [r.post, ...p])
      setText('')
      setOptions(['', ''])
      setFields([])
      setPhotos([])
      setComposing(false)
      const withPhotos = mode === 'TEXT' && photos.length > 0
      setNote(r.post.status === 'PUBLISHED' ? (withPhotos ? '已发布；图片通过安全检查后邻居才能看到' : '已发布') : (r.post.note ?? '已提交，审核后公开'))
    } catch (e) {
      setNote(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const replace = (next: PostView) => {
    setPosts((p) => p.map((x) => (x.id === next.id ? next : x)))
    setPinned((p) => p.map((x) => (x.id === next.id ? next : x)))
  }

  const membership = async (join: boolean) => {
    setNote(null)
    try {
      await callCloud('group', join ? 'join' : 'leave', { groupId })
      setNote(join ? '已加入' : '已退出，可以随时重新加入')
      await load()
    } catch (e) {
      setNote(errorText(e))
    }
  }

  const g = group?.group
  const unpinned = posts.filter((p) => !pinned.some((x) => x.id === p.id))
  return (
    <PageShell title={g?.name ?? '邻里群'} id='group-feed-page'>
      <PageHeader title={g?.name ?? '邻里群'} caption={group ? `${group.memberCount} 位成员${g?.status === 'CLOSED' ? ' · 已关闭，只能查看' : ''}` : undefined} />
      {group?.me.mutedUntil ? <Text className='status-note body-text' id='muted-note'>您已被禁言至 {new Date(group.me.mutedUntil).toLocaleString('zh-CN')}（{group.me.muteReason}）</Text> : null}
      {group?.me.removedReason ? <Text className='status-note body-text'>您已被移出本群：{group.me.removedReason}</Text> : null}
      {g?.status === 'CLOSED' && g.reviewNote ? <Text className='status-note body-text' id='closed-note'>本群已关闭：{g.reviewNote}</Text> : null}
      {g ? (
        <View className='compose-actions feed-tools'>
          {g.joined || g.canModerate ? <Text className='link caption derived-link' id='open-members' onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.members}?id=${groupId}` })}>群成员 ›</Text> : null}
          {g.kind !== 'OFFICIAL' && g.joined ? <Text className='link caption derived-link' id='group-leave' onClick={() => void membership(false)}>退出本群</Text> : null}
          {g.kind !== 'OFFICIAL' && !g.joined && g.status === 'ACTIVE' && !group?.me.removedReason ? <Button id='group-join' variant='secondary' onClick={() => void membership(true)}>加入本群</Button> : null}
        </View>
      ) : null}
      {note ? <Text id='feed-note' className='status-note body-text'>{note}</Text> : null}
      {error ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {!group && !error ? <Loading /> : null}
      {g?.canPost && !composing ? (
        <Button id='compose-open' block onClick={() => setComposing(true)}>发帖</Button>
      ) : null}
      {composing ? (
        <Card title='发帖' id='compose-card'>
          <View className='choice-grid'>
            <Choice id='mode-text' label='文字' on={mode === 'TEXT'} onClick={() => setMode('TEXT')} />
            <Choice id='mode-chain' label='接龙' on={mode === 'CHAIN'} onClick={() => setMode('CHAIN')} />
            <Choice id='mode-poll' label='投票' on={mode === 'POLL'} onClick={() => setMode('POLL')} />
          </View>
          <TextField id='compose-text' label={mode === 'TEXT' ? '想说的话' : mode === 'CHAIN' ? '接龙说明' : '投票问题'} hint='可以用键盘上的话筒说话输入' value={text} maxlength={2000} multiline onChange={setText} />
          {mode === 'TEXT' ? (
            <View className='compose-options' id='compose-photos'>
              <ImagePicker value={photos} onChange={setPhotos} max={9} />
              {photos.length ? <Text className='caption'>图片通过安全检查后邻居才能看到，您自己先能看到。</Text> : null}
            </View>
          ) : null}
          {mode === 'CHAIN' ? (
            <View className='compose-options'>
              <TextField id='compose-cap' label='人数上限' type='number' value={cap} onChange={setCap} />
              <Text className='caption'>需要大家填写（不选就只记名字，名字会隐去部分字）</Text>
              <View className='choice-grid'>
                {CHAIN_FIELDS.map((f) => (
                  <Choice key={f.key} id={`compose-field-${f.key}`} label={f.label} on={fields.includes(f.key)} onClick={() => setFields(fields.includes(f.key) ? fields.filter((k) => k !== f.key) : [...fields, f.key])} />
                ))}
              </View>
            </View>
          ) : null}
          {mode === 'POLL'
            ? options.map((o, i) => <TextField key={i} id={`compose-option-${i}`} label={`选项 ${i + 1}`} value={o} maxlength={40} onChange={(v) => setOptions(options.map((x, k) => (k === i ? v : x)))} />)
            : null}
          {mode === 'POLL' && options.length < 10 ? <Button id='compose-add-option' variant='text' onClick={() => setOptions([...options, ''])}>添加选项</Button> : null}
          {mode === 'POLL' ? (
            <View className='choice-grid compose-options'>
              <Choice id='compose-single' label='单选' on={!multiple} onClick={() => setMultiple(false)} />
              <Choice id='compose-multiple' label='多选' on={multiple} onClick={() => setMultiple(true)} />
              <Choice id='compose-anonymous' label='匿名' on={!named} onClick={() => setNamed(false)} />
              <Choice id='compose-named' label='实名' on={named} onClick={() => setNamed(true)} />
            </View>
          ) : null}
          {mode !== 'TEXT' ? (
            <View className='compose-options'>
              <Text className='caption'>截止时间</Text>
              <View className='choice-grid'>
                {DEADLINES.map((d) => (
                  <Choice key={d} id={`compose-days-${d}`} label={`${d} 天后`} on={days === d} onClick={() => setDays(d)} />
                ))}
              </View>
            </View>
          ) : null}
          <Text className='caption'>{mode === 'POLL' && !named ? '匿名投票：谁投了哪一项，任何人都看不到。' : ''}发布前会经过内容安全检查。</Text>
          <View className='compose-actions'>
            <Button id='compose-submit' loading={busy} disabled={!text.trim()} onClick={() => void publish()}>发布</Button>
            <Button variant='secondary' onClick={() => setComposing(false)}>取消</Button>
          </View>
        </Card>
      ) : null}
      {[...pinned, ...unpinned].map((p) => (
        <PostCard key={p.id} post={p} onChange={replace} />
      ))}
      {group && !posts.length && !pinned.length ? <Text className='caption notice-block'>还没有帖子</Text> : null}
      {cursor ? <Button id='feed-more' variant='secondary' block onClick={() => void more()}>加载更多</Button> : null}
    </PageShell>
  )
}
