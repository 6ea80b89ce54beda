import { Text, View } from '@tarojs/components'
import { Button, Card, ListRow } from '@/shared/ui'
import type { ImportOutcome } from './import-outcome'

/** The report under 业主名册导入 for one outcome; 继续导入 sends the same file again. */
export function ImportReport({ result, busy, onResume }: { result: ImportOutcome; busy: boolean; onResume: () => void }) {
  if (result.kind === 'failed') return <Text className='form-error body-text'>{result.message}</Text>
  if (result.kind === 'resumable') {
    return (
      <Card title='名册较大，尚未导入完' id='roster-report'>
        <Text className='body-text notice-block'>{`${result.file.name}：已写入一部分，但还没有生效——名册、人数和面积都还是导入前的样子。点“继续导入”会接着上次停下的地方导入同一文件。`}</Text>
        <Text className='caption notice-block'>{result.message}</Text>
        <Button id='roster-resume' block loading={busy} disabled={busy} onClick={onResume}>
          继续导入
        </Button>
      </Card>
    )
  }
  if (result.kind === 'tooLarge') {
    return (
      <Card title='文件太大，未导入' id='roster-report'>
        <Text className='body-text notice-block'>{`${result.file} 未导入任何数据：一次最多导入 ${result.maxRows} 行。请按楼栋拆成几个文件，不勾选“完整名册”，逐个导入。`}</Text>
        <Text className='caption notice-block'>{result.message}</Text>
      </Card>
    )
  }
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
