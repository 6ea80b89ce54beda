import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { useSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, Choice, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { fieldErrors } from '../../lib/format'

type Got = CallOutput<'election', 'get'>
const BY = [
  { value: 'SELF', label: '本人自荐' },
  { value: 'JOINT', label: '业主联名推荐' },
  { value: 'RESIDENTS_COMMITTEE', label: '居委会推荐' },
] as const

/**
 * 报名参选 (R3.4): a verified owner stands for the committee — nominated by themselves, jointly by
 * owners or by the residents' committee — declares each condition the community requires (from
 * its settings), signs the written pledge, and gives the separate consent to publish name, unit and
 * statement (candidate_disclosure; the consent sheet opens when the server asks for it). The
 * statement passes msgSecCheck; the preparatory group reviews every nomination before publicity.
 */
export default function NominatePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const session = useSession()
  const [got, setGot] = useState<Got | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [by, setBy] = useState<(typeof BY)[number]['value']>('SELF')
  const [nominators, setNominators] = useState('')
  const [statement, setStatement] = useState('')
  const [declared, setDeclared] = useState<string[]>([])
  const [pledge, setPledge] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    try {
      setGot(await callCloud('election', 'get', { electionId: id }))
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())

  if (error) return <PageShell title='报名参选' id='election-nominate-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!got) return <PageShell title='报名参选' id='election-nominate-page'><Loading /></PageShell>
  const communityId = got.election.communityId
  const myUnits = (session.data?.memberships ?? []).filter((m) => m.communityId === communityId && m.status === 'APPROVED' && (m.relation === 'OWNER' || m.relation === 'CO_OWNER'))
  const unit = unitId ?? myUnits[0]?.unitId ?? null
  const conditions = got.candidateConditions
  const ready = !!unit && pledge && statement.trim().length >= 10 && conditions.every((c) => declared.includes(c.key)) && (by === 'SELF' || nominators.trim().length > 0)

  const submit = async () => {
    if (!unit) return
    setBusy(true)
    setMessage(null)
    setErrors({})
    try {
      await callCloud('election', 'nominate', { electionId: id, unitId: unit, nominatedBy: by, ...(by !== 'SELF' ? { nominators: nominators.trim() } : {}), statement: statement.trim(), pledge: true, declarations: declared })
      void Taro.showToast({ title: '已报名，等待筹备组审核', icon: 'none' })
      void Taro.redirectTo({ url: `${ROUTES.electionVote}?id=${encodeURIComponent(id)}` })
    } catch (e) {
      setErrors(fieldErrors(e))
      setMessage(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  if (!got.canNominate) {
    return (
      <PageShell title='报名参选' id='election-nominate-page'>
        <PageHeader title='报名参选' caption={got.election.title} />
        <Card title='不能报名' id='nominate-closed'><Text className='body-text'>只有本小区已核验的业主，在候选人名单公示前可以报名；每人报名一次。</Text></Card>
      </PageShell>
    )
  }
  return (
    <PageShell title='报名参选' id='election-nominate-page'>
      <PageHeader title='报名参选业主委员会委员' caption={got.election.title} />
      {myUnits.length > 1 ? (
        <Card title='以哪套房屋报名'>
          <View className='choice-grid'>
            {myUnits.map((m) => <Choice key={m.unitId} id={`nominate-unit-${m.unitId}`} label={m.unitLabel ?? m.unitId} on={unit === m.unitId} onClick={() => setUnitId(m.unitId)} />)}
          </View>
        </Card>
      ) : null}
      <Card title='推荐方式'>
        <View className='choice-grid'>
          {BY.map((b) => <Choice key={b.value} id={`nominate-by-${b.value}`} label={b.label} on={by === b.value} onClick={() => setBy(b.value)} />)}
        </View>
        {by !== 'SELF' ? <TextField id='nominate-nominators' label={by === 'JOINT' ? '联名推荐的业主（房号）' : '居委会推荐文号或经办人'} value={nominators} onChange={setNominators} maxlength={200} error={errors.nominators} /> : null}
      </Card>
      <Card title='参选陈述'>
        <TextField id='nominate-statement' label='想为小区做什么（会公示给全体业主）' value={statement} onChange={setStatement} multiline maxlength={500} error={errors.statement} hint='至少10个字' />
      </Card>
      <Card title='参选条件和书面承诺' id='nominate-conditions'>
        <Text className='caption notice-block'>本小区要求候选人符合以下条件，请逐条确认；筹备组会核实。</Text>
        {conditions.map((c) => (
          <Checkbox key={c.key} id={`nominate-cond-${c.key}`} checked={declared.includes(c.key)} onChange={(on) => setDeclared((d) => (on ? [...d, c.key] : d.filter((x) => x !== c.key)))}>{c.label}</Checkbox>
        ))}
        <Checkbox id='nominate-pledge' checked={pledge} onChange={setPledge}>我承诺以上内容真实；当选后依法履行职责，不利用职务谋取私利</Checkbox>
        {errors.declarations ? <Text className='form-error body-text'>{errors.declarations}</Text> : null}
      </Card>
      <Text className='caption notice-block'>提交时会单独征求您的同意：向本小区业主公示您的姓名、房号和参选陈述。</Text>
      {message ? <Text className='form-error body-text notice-block' id='nominate-message'>{message}</Text> : null}
      <Button id='nominate-submit' block loading={busy} disabled={!ready} onClick={() => void submit()}>提交报名</Button>
    </PageShell>
  )
}
