import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { errorText } from '@/features/consent/messages'
import { callCloud, isCloudError, type CallOutput } from '@/services/cloud'
import { Button, Card, Checkbox, Empty, ListRow, PageHeader } from '@/shared/ui'
import { useStaffCommunity } from '../../components/use-staff-community'
import { FilePicker } from './FilePicker'
import type { PickedFile } from './file-picker.types'

type Imported = CallOutput<'roster', 'import'>
type Published = CallOutput<'roster', 'publish'>
interface Issue {
  line: number
  field: string
  message: string
}
type Result = { kind: 'imported'; file: string; data: Imported } | { kind: 'invalid'; file: string; errors: Issue[]; errorCount: number; warnings: Issue[] } | { kind: 'failed'; message: string }

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
  const [result, setResult] = useState<Result | null>(null)
  const [published, setPublished] = useState<Published | null>(null)
  /** replace: the file is the whole register; units it no longer lists leave it (not counted). */
  const [replace, setReplace] = useState(false)

  const importFile = async (file: PickedFile) => {
    if (!communityId) return
    setBusy('import')
    setResult(null)
    setPublished(null)
    try {
      const data = await callCloud('roster', 'import', { communityId, csvBase64: file.base64, encoding: 'auto', fileName: file.name, mode: replace ? 'replace' : 'merge' })
      setResult({ kind: 'imported', file: file.name, data })
    } catch (error) {
      if (isCloudError(error) && error.code === 'ROSTER_INVALID') {
        const d = (error.details ?? {}) as { errors?: Issue[]; errorCount?: number; warnings?: Issue[] }
        setResult({ kind: 'invalid', file: file.name, errors: d.errors ?? [], errorCount: d.errorCount ?? d.errors?.length ?? 0, warnings: d.warnings ?? [] })
      } else {
        setResult({ kind: 'failed', message: errorText(error) })
      }
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

      {result ? <ImportReport result={result} /> : null}

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

function ImportReport({ result }: { result: Result }) {
  if (result.kind === 'failed') return <Text className='form-error body-text'>{result.message}</Text>
  if (result.kind === 'invalid') {
    return (
      <Card title={`校验未通过：${result.errorCount} 处错误`} id='roster-report'>
        <Text className='body-text notice-block'>{`${result.file} 未导入任何数据。请按下列行号修改后重新选择文件。`}</Text>
        <View className='list'>
          {result.errors.map((e, i) => (
            <ListRow key={`${e.line}-${e.field}-${i}`} className='roster-error' title={`第 ${e.line} 行 · ${e.field}`} description={e.message} />
          ))}
        </View>
        {result.errorCount > result.errors.length ? <Text className='caption'>{`仅显示前 ${result.errors.length} 处`}</Text> : null}
      </Card>
    )
  }
  const { counts, warnings, alreadyImported, encoding } = result.data
  return (
    <Card title={alreadyImported ? '该文件已导入过，数据没有变化' : '导入成功'} id='roster-report'>
      <Text className='caption notice-block'>{`${result.file} · 编码 ${encoding.toUpperCase()}`}</Text>
      <View className='list'>
        <ListRow title='数据行' extra={<Text className='body-text'>{counts.rows}</Text>} />
        <ListRow title='房屋（含车位）' extra={<Text className='body-text'>{counts.units}</Text>} />
        <ListRow title='楼栋' extra={<Text className='body-text'>{counts.buildings}</Text>} />
        <ListRow title='业主（权利人组）' extra={<Text className='body-text'>{counts.parties}</Text>} />
        {counts.retired > 0 ? <ListRow title='移出名册的房屋' extra={<Text id='roster-retired' className='body-text'>{counts.retired}</Text>} /> : null}
      </View>
      {warnings.map((w, i) => (
        <Text key={i} className='caption notice-block'>{`提示：第 ${w.line} 行 ${w.field}：${w.message}`}</Text>
      ))}
    </Card>
  )
}
