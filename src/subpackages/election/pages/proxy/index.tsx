import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { ImagePicker } from '@/features/media/ImagePicker'
import { uploadAll, type PickedImage } from '@/features/media/images'
import { callCloud, type CallOutput } from '@/services/cloud'
import { ROUTES } from '@/shared/lib/routes'
import { Button, Card, Choice, ErrorState, Loading, PageHeader, TextField } from '@/shared/ui'

type Got = CallOutput<'election', 'get'>
type Units = CallOutput<'community', 'units'>

/**
 * 代理投票 (R2.6): someone an owner asked to vote for them registers the proxy — the owner's flat
 * (building → door, large choices), the owner's name, and a photo of the signed written
 * authorisation (naming this item and the owner's choice) through the shared media module. Staff
 * check the photo and approve; then this person votes for that flat from the vote page. The
 * owner's own vote, if it comes first, makes the proxy moot; property staff cannot be agents.
 */
export default function ProxyPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const [got, setGot] = useState<Got | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [buildings, setBuildings] = useState<Units['buildings'] | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [units, setUnits] = useState<Units['units'] | null>(null)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [ownerName, setOwnerName] = useState('')
  const [images, setImages] = useState<PickedImage[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const g = await callCloud('election', 'get', { electionId: id })
      setGot(g)
      setBuildings((await callCloud('community', 'units', { communityId: g.election.communityId })).buildings)
    } catch (e) {
      setError(errorText(e))
    }
  }, [id])
  useDidShow(() => void load())
  useEffect(() => {
    if (!got || !buildingId) return
    setUnits(null)
    setUnitId(null)
    callCloud('community', 'units', { communityId: got.election.communityId, buildingId }).then((r) => setUnits(r.units), (e: unknown) => setMessage(errorText(e)))
  }, [got?.election.communityId, buildingId])

  if (error) return <PageShell title='代理投票' id='election-proxy-page'><ErrorState message={error} onRetry={() => void load()} /></PageShell>
  if (!got || !buildings) return <PageShell title='代理投票' id='election-proxy-page'><Loading /></PageShell>
  const ready = !!unitId && ownerName.trim().length > 0 && images.length === 1

  const submit = async () => {
    if (!unitId) return
    setBusy(true)
    setMessage(null)
    try {
      const fileIds = await uploadAll(images, 'election')
      await callCloud('election', 'registerProxy', { electionId: id, unitId, ownerName: ownerName.trim(), authorisationFileIds: fileIds })
      void Taro.showToast({ title: '已提交，等待工作人员审核委托书', icon: 'none' })
      void Taro.redirectTo({ url: `${ROUTES.electionVote}?id=${encodeURIComponent(id)}` })
    } catch (e) {
      setMessage(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell title='代理投票' id='election-proxy-page'>
      <PageHeader title='代理业主投票' caption={got.election.title} />
      <Text className='body-text notice-block'>业主本人不方便投票时，可以书面委托您代投。请上传业主签名的委托书（写明委托的事项和业主的意见），工作人员核对后您才能代投。业主本人先投了票，委托就不再使用。</Text>
      <Card title='委托人的房屋' id='proxy-unit'>
        <View className='choice-grid'>
          {buildings.map((b) => <Choice key={b.id} id={`proxy-building-${b.id}`} label={b.name} on={buildingId === b.id} onClick={() => setBuildingId(b.id)} />)}
        </View>
        {units ? (
          <View className='choice-grid'>
            {units.map((u) => <Choice key={u.id} id={`proxy-door-${u.id}`} label={u.number} on={unitId === u.id} onClick={() => setUnitId(u.id)} />)}
          </View>
        ) : null}
      </Card>
      <Card title='委托人和委托书'>
        <TextField id='proxy-owner-name' label='业主姓名（与委托书一致）' value={ownerName} onChange={setOwnerName} maxlength={40} />
        <ImagePicker value={images} onChange={setImages} max={1} />
      </Card>
      {message ? <Text className='form-error body-text notice-block' id='proxy-message'>{message}</Text> : null}
      <Button id='proxy-submit' block loading={busy} disabled={!ready} onClick={() => void submit()}>提交委托</Button>
    </PageShell>
  )
}
