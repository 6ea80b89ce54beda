import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { GroupView } from '@domain/group/contract'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud } from '@/services/cloud'
import { Button, Card, Empty, ErrorState, ListRow, Loading, PageHeader, TextField } from '@/shared/ui'
import { GROUP_ROUTES } from '../../components/routes'
import '../../components/group.scss'

const KIND: Record<GroupView['kind'], string> = { BUILDING: '楼栋群', INTEREST: '兴趣群', OFFICIAL: '官方' }

/** 邻里群: the caller's groups first (their building group is joined automatically), then others to join; propose an interest group. */
export default function GroupListPage() {
  const communityId = useSession().data?.currentCommunity?.id ?? null
  const [groups, setGroups] = useState<GroupView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [proposing, setProposing] = useState(false)
  const [name, setName] = useState('')
  const [desc, setDesc] = useState('')
  const load = useCallback(() => {
    if (!communityId) return
    setError(null)
    callCloud('group', 'list', { communityId })
      .then((r) => setGroups(r.groups))
      .catch((e: unknown) => setError(errorText(e)))
  }, [communityId])
  useEffect(load, [load])
  useDidShow(load)

  const join = async (g: GroupView) => {
    try {
      await callCloud('group', 'join', { groupId: g.id })
      setNote(`已加入“${g.name}”`)
      load()
    } catch (e) {
      setNote(errorText(e))
    }
  }
  const propose = async () => {
    if (!communityId) return
    try {
      const r = await callCloud('group', 'propose', { communityId, name, description: desc })
      setNote(`“${r.group.name}”已提交，居委会审核通过后开放`)
      setProposing(false)
      setName('')
      setDesc('')
      load()
    } catch (e) {
      setNote(errorText(e))
    }
  }

  const mine = (groups ?? []).filter((g) => g.joined || g.status === 'PROPOSED')
  const others = (groups ?? []).filter((g) => !g.joined && g.status !== 'PROPOSED')
  return (
    <PageShell title='邻里群' id='group-list-page'>
      <PageHeader title='邻里群' caption='楼栋群自动加入；兴趣群自愿加入' />
      {note ? <Text id='group-note' className='status-note body-text'>{note}</Text> : null}
      {!communityId ? <Empty title='加入社区后可以使用邻里群' /> : null}
      {error ? <ErrorState message={error} onRetry={load} /> : null}
      {communityId && !groups && !error ? <Loading /> : null}
      {mine.length ? (
        <Card title='我的群' className='card--rows' id='my-groups'>
          {mine.map((g) => (
            <ListRow key={g.id} id={`group-${g.id}`} title={g.name} description={`${KIND[g.kind]}${g.status === 'PROPOSED' ? ' · 等待审核' : g.status === 'CLOSED' ? ' · 已关闭' : ''}`} arrow onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.feed}?id=${g.id}` })} />
          ))}
        </Card>
      ) : null}
      {others.length ? (
        <Card title='更多群' className='card--rows' id='other-groups'>
          {others.map((g) => (
            <ListRow
              key={g.id}
              id={`group-${g.id}`}
              title={g.name}
              description={`${KIND[g.kind]} · ${g.description}`}
              onClick={() => void Taro.navigateTo({ url: `${GROUP_ROUTES.feed}?id=${g.id}` })}
              extra={g.kind === 'INTEREST' ? <Button id={`join-${g.id}`} variant='secondary' onClick={() => void join(g)}>加入</Button> : undefined}
            />
          ))}
        </Card>
      ) : null}
      <Card title='更多' className='card--rows'>
        <ListRow id='open-agenda' title='议事厅' description='居民提议、上会讨论和办理进度' arrow onClick={() => void Taro.navigateTo({ url: GROUP_ROUTES.agenda })} />
      </Card>
      {communityId ? (
        proposing ? (
          <Card title='发起兴趣群' id='propose-card'>
            <TextField id='propose-name' label='群名称' value={name} maxlength={20} onChange={setName} />
            <TextField id='propose-desc' label='群介绍' value={desc} maxlength={200} multiline onChange={setDesc} />
            <View className='compose-actions'>
              <Button id='propose-submit' disabled={!name.trim() || !desc.trim()} onClick={() => void propose()}>提交审核</Button>
              <Button variant='secondary' onClick={() => setProposing(false)}>取消</Button>
            </View>
          </Card>
        ) : (
          <Button id='propose-open' variant='secondary' block onClick={() => setProposing(true)}>发起兴趣群</Button>
        )
      ) : null}
    </PageShell>
  )
}
