import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Relation } from '@domain/community/model'
import { PageShell } from '@/app-shell/PageShell'
import { errorText, isConsentDeclined } from '@/features/consent/messages'
import { loadSession } from '@/features/session/session-store'
import { callCloud, type CallOutput } from '@/services/cloud'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, Choice, TextField } from '@/shared/ui'
import { OwnerVerification } from './OwnerVerification'
import { UnitPicker, type PickedUnit } from './UnitPicker'
import { VerificationLimitNotice, verificationLimitOf, type VerificationLimit } from './verification-limit'

type ApplyResult = CallOutput<'household', 'apply'>
const RELATIONS: Relation[] = ['OWNER', 'CO_OWNER', 'TENANT', 'FAMILY']

/**
 * Step 3: join a unit — community → building → door → relation → real name (+ the owner's ID
 * number, only after its separate consent) → household.apply. The `household` consent is asked by
 * the generic CONSENT_REQUIRED sheet when the application is sent, so the notice comes right before
 * the data leaves the phone (R4.3). Result: approved at once for a verified owner, else 待审核.
 */
export default function JoinPage() {
  const [unit, setUnit] = useState<PickedUnit | null>(null)
  const [relation, setRelation] = useState<Relation | null>(null)
  const [realName, setRealName] = useState('')
  const [idNumber, setIdNumber] = useState<string | null>(null)
  /** R4.7: under-14s cannot register themselves; the applicant says they are 14 or older. */
  const [adult, setAdult] = useState(false)
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<{ text: string; calm: boolean } | null>(null)
  const [result, setResult] = useState<ApplyResult | null>(null)
  /** Issue #9 §7.2: the day's verification attempts are used up; staff review is the way on. */
  const [limit, setLimit] = useState<VerificationLimit | null>(null)

  const isOwner = relation === 'OWNER' || relation === 'CO_OWNER'
  const nameOk = realName.trim().length >= 2
  const ready = unit !== null && relation !== null && nameOk && adult
  // 提交申请 stays disabled until complete, and says what is still missing (issue #7 item 11).
  const missing = [
    unit ? null : '选择房号',
    relation ? null : '选择您与房屋的关系',
    nameOk ? null : '填写姓名（至少2个字）',
    adult ? null : '确认已年满14周岁',
  ].filter((m): m is string => m !== null)

  /** `verify: false` sends the application without the ID number (staff review). */
  const submit = async (verify = limit === null) => {
    if (!unit || !relation || !adult) return
    setSending(true)
    setProblem(null)
    const sendId = verify && isOwner && idNumber !== null && idNumber.trim() !== ''
    try {
      const answer = await callCloud('household', 'apply', {
        communityId: unit.communityId,
        buildingId: unit.buildingId,
        unitId: unit.unitId,
        relation,
        realName: realName.trim(),
        adultConfirmed: true,
        // Only sent when the owner chose to verify (and granted owner_verification for it).
        ...(sendId ? { idNumber: idNumber.trim() } : {}),
      })
      setResult(answer)
      void loadSession()
    } catch (error) {
      const reached = verificationLimitOf(error)
      if (reached) {
        // Nothing was written: keep the form, drop the ID number, offer staff review.
        setLimit(reached)
        setIdNumber(null)
        return
      }
      // A declined consent is a choice, not a failure: say so calmly.
      setProblem({ text: errorText(error), calm: isConsentDeclined(error) })
    } finally {
      setSending(false)
    }
  }

  if (result) return <JoinResult result={result} />

  return (
    <PageShell title='加入社区' id='join-page'>
      <View className='page-header'>
        <Text className='caption'>第 3 步，共 3 步</Text>
        <Text className='heading'>选择您的房屋</Text>
      </View>

      <UnitPicker
        value={unit}
        onChange={(next) => {
          setUnit(next)
          // Another unit has its own count; the server says again if the person's limit applies.
          setLimit(null)
        }}
      />

      {unit ? (
        <Card title='您与房屋的关系' id='relation-card'>
          <View className='choice-grid' ariaRole='radiogroup'>
            {RELATIONS.map((r) => (
              <Choice key={r} id={`relation-${r}`} label={RELATION_LABELS[r]} on={relation === r} onClick={() => setRelation(r)} />
            ))}
          </View>
          <Text className='caption'>租户和家庭成员由网格员、居委会或该房屋业主审核。</Text>
        </Card>
      ) : null}

      {unit && relation ? (
        <Card title='真实姓名' id='name-card'>
          <TextField
            id='join-name'
            label='您的姓名'
            placeholder='例如：张建国'
            hint='请填写与房产证或租房合同一致的真实姓名，用于审核；邻居和其他人看到的是打码后的姓名，如 张*。'
            value={realName}
            onChange={setRealName}
            maxlength={20}
            error={realName && !nameOk ? '请填写至少2个字的姓名' : null}
          />
          {isOwner && limit ? <VerificationLimitNotice limit={limit} busy={sending} onStaffReview={() => void submit(false)} /> : null}
          {isOwner && !limit ? <OwnerVerification idNumber={idNumber} onIdNumber={setIdNumber} /> : null}
          <Checkbox id='join-adult' checked={adult} onChange={setAdult}>
            我已年满14周岁
          </Checkbox>
          <Text className='caption'>未满14周岁的孩子不能自己注册，请由监护人在 我的 → 我的房屋 中添加。</Text>
        </Card>
      ) : null}

      {problem ? (
        <Text id='join-problem' className={problem.calm ? 'status-note body-text' : 'form-error body-text'}>
          {problem.text}
        </Text>
      ) : null}
      {missing.length > 0 ? (
        <Text id='join-missing' className='caption notice-block'>
          {`还需要：${missing.join('、')}`}
        </Text>
      ) : null}
      <Button id='join-submit' block disabled={!ready} loading={sending} onClick={() => void submit()}>
        提交申请
      </Button>
      <Button id='join-later' variant='secondary' block onClick={() => void Taro.switchTab({ url: ROUTES.home })}>
        以后再说
      </Button>
    </PageShell>
  )
}

function JoinResult({ result }: { result: ApplyResult }) {
  const m = result.membership
  return (
    <PageShell title='加入社区' id='join-page'>
      <Card title={result.autoApproved ? '已加入' : '申请已提交'} id='join-result'>
        <Text className='heading'>{`${m.communityName} ${m.unitLabel}`}</Text>
        <Text className='body-text notice-block'>
          {result.autoApproved
            ? '您的业主身份已与不动产登记信息核验一致，已自动通过。'
            : '您的申请已提交，等待网格员、居委会或该房屋业主审核。审核通过后，您就能收到本楼栋的通知。'}
        </Text>
        <Text id='join-status' className='tag'>
          {result.autoApproved ? '已认证' : '待审核'}
        </Text>
      </Card>
      <Button id='join-done' block onClick={() => void Taro.switchTab({ url: ROUTES.home })}>
        返回首页
      </Button>
    </PageShell>
  )
}
