import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, TextField } from '@/shared/ui'
import { CANDIDATE_CONDITIONS } from '@domain/election/eligibility'

type Summary = CallOutput<'election', 'get'>['election']
type Candidates = CallOutput<'election', 'candidates'>['candidates']

const BY: Record<string, string> = { SELF: '本人自荐', JOINT: '业主联名推荐', RESIDENTS_COMMITTEE: '居委会推荐' }
const STATUS: Record<string, string> = { PENDING: '待审核', APPROVED: '已通过', REJECTED: '未通过' }

/**
 * The preparatory group checks each nomination against the community's conditions (R3.4): what
 * the candidate declared with the pledge, who nominated them. A rejection says which condition
 * failed. The list can be publicised only when none is left pending.
 */
export function CandidateReview({ election: e, candidates, onChanged }: { election: Summary; candidates: Candidates; onChanged: () => void }) {
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const open = e.status === 'PREP_GROUP_FORMED' || e.status === 'ROSTER_PUBLICIZED'
  const review = async (candidateId: string, approve: boolean) => {
    setMessage(null)
    try {
      await callCloud('election', 'reviewCandidate', { communityId: e.communityId, candidateId, approve, ...(notes[candidateId]?.trim() ? { note: notes[candidateId].trim() } : {}) })
      onChanged()
    } catch (err) {
      setMessage(errorText(err))
    }
  }
  return (
    <Card title={`候选人（${e.seats ?? 0} 个席位）`} id='manage-candidates'>
      {!candidates.length ? <Text className='body-text'>{open ? '还没有人报名。业主可以在表决详情页报名参选。' : '没有候选人'}</Text> : null}
      {candidates.map((c) => (
        <View key={c.id} className='notice-block manage-candidate' id={`candidate-${c.id}`}>
          <Text className='body-text notice-block'>{`${c.name} · ${c.unitLabel} · ${BY[c.nominatedBy] ?? c.nominatedBy}${c.nominators ? `（${c.nominators}）` : ''} · ${STATUS[c.status]}`}</Text>
          <Text className='caption notice-block'>{c.statement}</Text>
          <Text className='caption notice-block'>{`已承诺：${c.declarations.map((d) => CANDIDATE_CONDITIONS[d as keyof typeof CANDIDATE_CONDITIONS] ?? d).join('；') || '—'}`}</Text>
          {c.reviewNote ? <Text className='caption notice-block'>{`审核意见：${c.reviewNote}`}</Text> : null}
          {open && c.status === 'PENDING' ? (
            <View>
              <TextField id={`review-note-${c.id}`} label='审核意见（不通过时必填）' value={notes[c.id] ?? ''} onChange={(v) => setNotes((n) => ({ ...n, [c.id]: v }))} maxlength={200} />
              <View className='btn-row'>
                <Button id={`review-approve-${c.id}`} variant='secondary' onClick={() => void review(c.id, true)}>符合条件</Button>
                <Button id={`review-reject-${c.id}`} variant='text' onClick={() => void review(c.id, false)}>不符合</Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
      {message ? <Text className='form-error body-text'>{message}</Text> : null}
    </Card>
  )
}
