import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, isCloudError } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Choice, Empty, PageHeader, TextField } from '@/shared/ui'
import { MATTER_LABELS, PUBLICITY_DAYS, thresholdOf } from '@domain/election/lifecycle'
import { daysFromNow, fieldErrors, parseDay } from '../../lib/format'

const THRESHOLD_WORDS = { ORDINARY: '过半数通过（人数和面积都要超过参与的一半）', SPECIAL: '四分之三以上通过（人数和面积都要达到参与的四分之三）' } as const
const SEATS = [3, 5, 7, 9, 11]

/**
 * 发起表决 (staff with election.manage): an owners' decision on one of the nine Art. 278 matters —
 * its threshold follows from the matter (R1.1) and is shown before anything is sent — or a
 * committee election (item 3) with an odd number of seats (R3.3). Voting opens no sooner than 15
 * days away (R1.8); the server checks the dates again. Query `originKind`, `originId`, `title`
 * prefill a proposal that came from a neighbourhood discussion (groups link back by origin.id).
 */
export default function CreateElectionPage() {
  const params = useRouter().params
  const session = useSession()
  const communityId = session.data?.currentCommunity?.id ?? null
  const origin = params.originId && (params.originKind === 'post' || params.originKind === 'agenda') ? { kind: params.originKind, id: decodeURIComponent(params.originId) } : null
  const [kind, setKind] = useState<'MOTION' | 'ELECTION'>('MOTION')
  const [matter, setMatter] = useState(4)
  const [title, setTitle] = useState(params.title ? decodeURIComponent(params.title) : '')
  const [description, setDescription] = useState('')
  const [seats, setSeats] = useState(5)
  const [opens, setOpens] = useState(daysFromNow(PUBLICITY_DAYS + 2))
  const [closes, setCloses] = useState(daysFromNow(PUBLICITY_DAYS + 16))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const effectiveMatter = kind === 'ELECTION' ? 3 : matter

  const submit = async () => {
    const o = parseDay(opens)
    const c = parseDay(closes)
    const local: Record<string, string> = {}
    if (!o) local.votingOpensAt = '请按 2026-01-31 的格式填写日期'
    if (!c) local.votingClosesAt = '请按 2026-01-31 的格式填写日期'
    if (title.trim().length < 2) local.title = '请填写标题（至少2个字）'
    if (!description.trim()) local.description = '请说明表决的内容'
    setErrors(local)
    if (Object.keys(local).length || !communityId) return
    setBusy(true)
    setMessage(null)
    try {
      const { election } = await callCloud('election', 'create', {
        communityId,
        kind,
        matter: effectiveMatter,
        title: title.trim(),
        description: description.trim(),
        ...(kind === 'ELECTION' ? { seats } : {}),
        votingOpensAt: o!.toISOString(),
        votingClosesAt: c!.toISOString(),
        ...(origin ? { origin } : {}),
      } as never)
      void Taro.redirectTo({ url: `${ROUTES.electionManage}?id=${encodeURIComponent(election.id)}` })
    } catch (e) {
      setErrors(fieldErrors(isCloudError(e) ? { details: e.details } : e))
      setMessage(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  if (!communityId) return <PageShell title='发起表决' id='election-create-page'><Empty title='还没有加入社区' /></PageShell>
  return (
    <PageShell title='发起表决' id='election-create-page'>
      <PageHeader title='发起表决' caption={session.data?.currentCommunity?.name ?? ''} />
      {origin?.kind === 'post' ? (
        <Card title='来自邻里讨论' id='create-origin'>
          <Text className='body-text notice-block'>这项表决由邻里群里的讨论提出，发起后讨论帖会显示表决的链接。</Text>
          <Button id='create-origin-link' variant='text' onClick={() => void Taro.navigateTo({ url: `/subpackages/group/pages/post/index?id=${encodeURIComponent(origin.id)}` })}>查看原讨论</Button>
        </Card>
      ) : origin ? (
        <Card title='来自议事厅' id='create-origin'><Text className='body-text'>这项表决来自议事厅的议题。</Text></Card>
      ) : null}

      <Card title='表决什么'>
        <View className='choice-grid'>
          <Choice id='create-kind-MOTION' label='业主共同决定事项' on={kind === 'MOTION'} onClick={() => setKind('MOTION')} />
          <Choice id='create-kind-ELECTION' label='选举业主委员会' on={kind === 'ELECTION'} onClick={() => setKind('ELECTION')} />
        </View>
        {kind === 'MOTION' ? (
          <View className='list' id='create-matters'>
            {Object.entries(MATTER_LABELS).map(([n, label]) => (
              <Choice key={n} id={`create-matter-${n}`} label={`第${n}项 ${label}`} on={matter === Number(n)} onClick={() => setMatter(Number(n))} />
            ))}
          </View>
        ) : (
          <View>
            <Text className='body-text notice-block'>委员人数（单数，3 人只适用于 100 户以下的小区）</Text>
            <View className='choice-grid'>
              {SEATS.map((n) => <Choice key={n} id={`create-seats-${n}`} label={`${n} 人`} on={seats === n} onClick={() => setSeats(n)} />)}
            </View>
          </View>
        )}
        <Text className='body-text notice-block' id='create-rule'>{`民法典第278条第${effectiveMatter}项：先要三分之二以上的业主（人数和面积都要）参与；${THRESHOLD_WORDS[thresholdOf(effectiveMatter)]}。`}</Text>
      </Card>

      <Card title='内容'>
        <TextField id='create-title' label='标题' value={title} onChange={setTitle} maxlength={60} error={errors.title} placeholder='例如 续聘物业服务企业' />
        <TextField id='create-description' label='说明' value={description} onChange={setDescription} maxlength={2000} multiline error={errors.description} hint='写清楚表决什么、费用多少、有什么影响，业主投票前都能看到' />
      </Card>

      <Card title='投票时间'>
        <Text className='caption notice-block'>{`表决事项${kind === 'ELECTION' ? '和候选人' : ''}须公示满 ${PUBLICITY_DAYS} 日才能开始投票；投票期最长 60 天。`}</Text>
        <TextField id='create-opens' label='开始投票（年-月-日）' value={opens} onChange={setOpens} maxlength={10} error={errors.votingOpensAt} />
        <TextField id='create-closes' label='投票截止（年-月-日）' value={closes} onChange={setCloses} maxlength={10} error={errors.votingClosesAt} />
      </Card>
      {message ? <Text className='form-error body-text notice-block' id='create-message'>{message}</Text> : null}
      <Button id='create-submit' block loading={busy} onClick={() => void submit()}>发起，进入筹备</Button>
    </PageShell>
  )
}
