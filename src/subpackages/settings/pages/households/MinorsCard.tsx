import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, ConfirmSheet, Sheet, TextField } from '@/shared/ui'
import { minorFormProblem } from './minor-form'

type Listing = CallOutput<'household', 'listMine'>
type Minor = Listing['minors'][number]
type Home = Listing['memberships'][number]

/**
 * 未满14周岁的孩子 (R4.7): children cannot register themselves; a guardian adds them to one of the
 * guardian's approved homes. Only a form of address and the birth year are asked (minimum
 * necessary); the first add opens the separate guardian-consent sheet (minor_household) through
 * the usual CONSENT_REQUIRED path. Only the guardian sees these records.
 */
export function MinorsCard({ minors, homes, onChanged }: { minors: Minor[]; homes: Home[]; onChanged: () => void }) {
  const approved = homes.filter((h) => h.status === 'APPROVED')
  const [adding, setAdding] = useState<Home | null>(null)
  const [name, setName] = useState('')
  const [year, setYear] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [removing, setRemoving] = useState<Minor | null>(null)

  if (approved.length === 0 && minors.length === 0) return null

  const close = () => {
    setAdding(null)
    setName('')
    setYear('')
    setProblem(null)
  }
  const add = async () => {
    if (!adding) return
    const invalid = minorFormProblem(name, year, new Date())
    if (invalid) return setProblem(invalid)
    setBusy(true)
    try {
      await callCloud('household', 'addMinor', { memberId: adding.id, displayName: name.trim(), birthYear: Number(year.trim()) })
      close()
      onChanged()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const remove = async () => {
    if (!removing) return
    setBusy(true)
    try {
      await callCloud('household', 'removeMinor', { minorId: removing.id })
      setRemoving(null)
      onChanged()
    } catch (e) {
      setProblem(errorText(e))
      setRemoving(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title='未满14周岁的孩子' id='minors-card'>
      <Text className='caption notice-block'>孩子不能自己注册，由监护人添加。只记录称呼和出生年份，仅您本人可见。</Text>
      {minors.map((m) => (
        <View key={m.id} className='minor-row' id={`minor-${m.id}`}>
          <Text className='body-text'>{`${m.displayName}（${m.birthYear}年生）· ${m.unitLabel}`}</Text>
          {m.turned14 ? <Text className='caption'>已年满14周岁，可以用自己的微信加入了</Text> : null}
          <Button variant='secondary' block onClick={() => setRemoving(m)}>
            删除
          </Button>
        </View>
      ))}
      {approved.map((h) => (
        <Button key={h.id} id={`minor-add-${h.unitId}`} variant='secondary' block onClick={() => setAdding(h)}>
          {`为 ${h.unitLabel} 添加孩子`}
        </Button>
      ))}
      <Sheet
        open={adding !== null}
        id='minor-sheet'
        title='添加未满14周岁的孩子'
        onClose={busy ? undefined : close}
        footer={
          <>
            <Button id='minor-save' block loading={busy} onClick={() => void add()}>
              添加
            </Button>
            <Button id='minor-cancel' variant='secondary' block disabled={busy} onClick={close}>
              取消
            </Button>
          </>
        }
      >
        <TextField id='minor-name' label='孩子的称呼（小名即可）' value={name} onChange={setName} maxlength={10} />
        <TextField id='minor-year' label='出生年份（如 2019）' type='number' value={year} onChange={setYear} maxlength={4} />
        {problem ? <Text className='form-error body-text'>{problem}</Text> : null}
      </Sheet>
      <ConfirmSheet
        open={removing !== null}
        id='minor-remove-sheet'
        title='删除孩子的信息'
        confirmText='删除'
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <Text className='body-text'>{removing ? `将删除 ${removing.displayName} 的登记信息。` : ''}</Text>
      </ConfirmSheet>
    </Card>
  )
}
