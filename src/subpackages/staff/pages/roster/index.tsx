import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, type CallOutput } from '@/services/cloud'
import { Button, Card, Checkbox, Empty, ListRow, PageHeader } from '@/shared/ui'
import { useStaffCommunity } from '../../components/use-staff-community'
import { FilePicker } from './FilePicker'
import type { PickedFile } from './file-picker.types'
import { ImportReport } from './ImportReport'
import { importFailure, type ImportMode, type ImportOutcome } from './import-outcome'

type Published = CallOutput<'roster', 'publish'>

const COLUMNS = '楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号'

/**
 * 业主名册导入 (R2.1/R2.2): a CSV from the property register. The server validates the whole file
 * first — any bad row and nothing is written — and answers ROSTER_INVALID with line numbers, shown
 * here as a report. ID numbers are hashed on arrival and never stored. Then the roster summary for
 * publication: headcount, total area, units.
 */
export default function RosterPage() {
  const { communityId, communityName } = useStaffCommunity()
  const [busy, setBusy] = useState<'import' | 'publish' | null>(null)
  const [result, setResult] = useState<ImportOutcome | null>(null)
  const [published, setPublished] = useState<Published | null>(null)
  /** replace: the file is the whole register; units it no longer lists leave it (not counted). */
  const [replace, setReplace] = useState(false)

  /**
   * One import call. 继续导入 passes the interrupted call's mode: the server resumes the import of
   * the same file in the same mode (issue #9 §7.10), so a checkbox touched meanwhile must not change it.
   */
  const importFile = async (file: PickedFile, mode: ImportMode = replace ? 'replace' : 'merge') => {
    if (!communityId) return
    setBusy('import')
    setResult((prev) => (prev?.kind === 'resumable' ? prev : null))
    setPublished(null)
    try {
      const data = await callCloud('roster', 'import', { communityId, csvBase64: file.base64, encoding: 'auto', fileName: file.name, mode })
      setResult({ kind: 'imported', file: file.name, data })
    } catch (error) {
      setResult(importFailure(error, file, mode))
    } finally {
      setBusy(null)
    }
  }

  const publish = async () => {
    if (!communityId) return
    setBusy('publish')
    try {
      setPublished(await callCloud('roster', 'publish', { communityId }))
    } catch (error) {
      setResult({ kind: 'failed', message: errorText(error) })
    } finally {
      setBusy(null)
    }
  }

  if (!communityId) {
    return (
      <PageShell title='业主名册导入' id='roster-page'>
        <Empty title='没有可操作的社区' />
      </PageShell>
    )
  }

  return (
    <PageShell title='业主名册导入' id='roster-page'>
      <PageHeader title='业主名册导入' caption={communityName} />
      <Card title='文件格式'>
        <Text className='body-text notice-block'>CSV 文件，第一行为表头：</Text>
        <Text className='caption notice-block'>{COLUMNS}</Text>
        <Text className='caption notice-block'>整份文件先校验，有任何错误都不会写入。证件号导入时即转为摘要，不保存原文。Excel 另存的 GBK 编码也可以。</Text>
        <Checkbox id='roster-replace' checked={replace} onChange={setReplace}>
          本文件是完整名册：不在文件中的房屋移出名册
        </Checkbox>
        <Text className='caption notice-block'>不勾选时，只新增和更新文件中的房屋；勾选后，文件中没有的房屋不再计入人数和面积（记录保留）。</Text>
        <FilePicker onFile={(f) => void importFile(f)} onError={(message) => setResult({ kind: 'failed', message })} disabled={busy !== null} />
        {busy === 'import' ? <Text className='caption'>正在校验并导入…</Text> : null}
      </Card>

      {result ? <ImportReport result={result} busy={busy !== null} onResume={() => result.kind === 'resumable' && void importFile(result.file, result.mode)} /> : null}

      <Button id='roster-publish' variant='secondary' block loading={busy === 'publish'} onClick={() => void publish()}>
        生成公示名册汇总
      </Button>
      {published ? (
        <Card title='公示名册汇总' id='roster-summary'>
          <View className='list'>
            <ListRow title='业主人数（表决权人数）' extra={<Text id='roster-headcount' className='body-text'>{published.totals.headcount}</Text>} />
            <ListRow title='专有部分总面积' extra={<Text className='body-text'>{published.totals.areaText}</Text>} />
            <ListRow title='计入的房屋' extra={<Text className='body-text'>{`${published.totals.units} 套`}</Text>} />
          </View>
          <Text className='caption notice-block'>
            {`${published.totals.developerCounted ? '未售出或未交付的房屋按开发商一人计算。' : ''}${published.excludeParkingFromArea ? '车位面积不计入。' : ''}公示时只列房号和面积，不公开业主身份。`}
          </Text>
        </Card>
      ) : null}
    </PageShell>
  )
}
