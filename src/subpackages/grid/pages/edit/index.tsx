import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { formatDateTime } from '@/shared/lib/dates'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Checkbox, Choice, ConfirmSheet, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'
import { CATEGORY_LABELS } from '@domain/notice/model'

type Detail = CallOutput<'notice', 'get'>
/** 紧急: a new deadline counted from now (the old one stays when none is chosen). */
const EXTEND_HOURS = [
  [24, '再延24小时'],
  [72, '再延3天'],
] as const

/**
 * 修改或撤回通知 (notice.update / notice.withdraw; the author, RC staff and admins). Every save is a
 * new version; unless marked 仅修改错别字, a change of title or body is material: residents who
 * had read or acknowledged it are asked again (内容已更新). The changed text is checked again
 * (R5.8) and may be held. 撤回 needs a reason and keeps an audit record; residents no longer see it.
 */
export default function EditNoticePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [detail, setDetail] = useState<Detail | null>(null)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [minor, setMinor] = useState(false)
  const [extendHours, setExtendHours] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)

  const load = useCallback(async () => {
    setProblem(null)
    try {
      const d = await callCloud('notice', 'get', { noticeId: id })
      setDetail(d)
      setTitle(d.notice.title)
      setBody(d.notice.body)
    } catch (e) {
      setProblem(errorText(e))
    }
  }, [id])
  useEffect(() => void load(), [load])

  const n = detail?.notice
  const changed = !!n && (title.trim() !== n.title || body.trim() !== n.body || extendHours !== null)
  const save = async () => {
    if (!n || !changed) return
    setBusy(true)
    setProblem(null)
    try {
      const r = await callCloud('notice', 'update', {
        noticeId: id,
        ...(title.trim() !== n.title ? { title: title.trim() } : {}),
        ...(body.trim() !== n.body ? { body: body.trim() } : {}),
        ...(extendHours ? { expiresAt: new Date(Date.now() + extendHours * 3600_000).toISOString() } : {}),
        minor,
      })
      setNote(
        r.notice.status === 'HELD'
          ? '修改后的内容需要人工复核，审核通过前住户看不到这条通知。'
          : r.material
            ? `已保存为第${r.notice.version}版，住户会看到“内容已更新”${n.ackRequired ? '，并需要重新确认知晓' : ''}。`
            : `已保存为第${r.notice.version}版（小修改，不要求住户重新阅读）。`,
      )
      setExtendHours(null)
      await load()
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const withdraw = async () => {
    if (reason.trim().length < 2) {
      setProblem('请填写撤回原因（至少2个字）')
      return
    }
    setConfirming(true)
  }
  const confirmWithdraw = async () => {
    setBusy(true)
    setProblem(null)
    try {
      await callCloud('notice', 'withdraw', { noticeId: id, reason: reason.trim() })
      await Taro.redirectTo({ url: ROUTES.gridMine })
    } catch (e) {
      setProblem(errorText(e))
      setConfirming(false)
    } finally {
      setBusy(false)
    }
  }

  const closed = n?.status === 'WITHDRAWN' || n?.status === 'REFUSED'
  return (
    <PageShell title='修改通知' id='edit-page'>
      <PageHeader title='修改通知' caption={n ? `${CATEGORY_LABELS[n.category]} · 第${n.version}版` : undefined} />
      {!detail && !problem ? <Loading /> : null}
      {problem && !detail ? <ErrorState message={problem} onRetry={() => void load()} /> : null}
      {detail && !detail.manage ? <Text className='body-text'>只有发布人和居委会工作人员可以修改这条通知。</Text> : null}
      {n && detail?.manage && closed ? <Text className='status-note body-text'>这条通知已撤回或未通过审核，不能再修改。</Text> : null}
      {n && detail?.manage && !closed ? (
        <>
          <Card>
            <TextField id='edit-title' label='标题' value={title} onChange={setTitle} maxlength={40} />
            <TextField id='edit-body' label='正文' value={body} onChange={setBody} multiline maxlength={2000} hint='保存前会再次经过内容安全检查' />
            <Checkbox id='edit-minor' checked={minor} onChange={setMinor}>
              仅修改错别字或标点（不要求住户重新阅读、重新确认）
            </Checkbox>
          </Card>
          {n.category === 'URGENT' ? (
            <Card title='置顶截止时间'>
              <Text className='body-text'>{n.expiresAt ? `现为 ${formatDateTime(n.expiresAt)}` : '未设置'}</Text>
              <View className='choice-grid' ariaRole='radiogroup'>
                {EXTEND_HOURS.map(([h, label]) => (
                  <Choice key={h} id={`edit-extend-${h}`} label={label} on={extendHours === h} onClick={() => setExtendHours(extendHours === h ? null : h)} />
                ))}
              </View>
            </Card>
          ) : null}
          {note ? (
            <Text className='status-note body-text' id='edit-note'>
              {note}
            </Text>
          ) : null}
          <Button id='edit-save' block loading={busy} disabled={!changed} onClick={() => void save()}>
            保存修改
          </Button>
          <Card title='撤回通知'>
            <TextField id='edit-withdraw-reason' label='撤回原因（会留在记录中）' value={reason} onChange={setReason} maxlength={200} />
            <Button id='edit-withdraw' variant='secondary' block loading={busy} onClick={() => void withdraw()}>
              撤回这条通知
            </Button>
          </Card>
        </>
      ) : null}
      {problem && detail ? (
        <Text className='form-error body-text' id='edit-error'>
          {problem}
        </Text>
      ) : null}
      <ConfirmSheet id='withdraw-confirm' open={confirming} title='撤回通知' confirmText='撤回这条通知' danger busy={busy} onConfirm={() => void confirmWithdraw()} onCancel={() => setConfirming(false)}>
        <Text className='body-text'>撤回后住户将看不到这条通知，撤回原因和记录会保留。</Text>
      </ConfirmSheet>
    </PageShell>
  )
}
