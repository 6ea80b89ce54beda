import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Card } from '@/shared/ui'
import type { ReadableExport, ReadableGroup } from './readable-export'
import './my-data.scss'

/** Records shown per group before 展开: a consent history can be long. */
const FIRST = 3

/** The export as a person reads it: one card per purpose, each record as label – value lines. */
export function ExportGroups({ data }: { data: ReadableExport }) {
  if (data.groups.length === 0) {
    return (
      <Card id='export-groups' title='我们保存的信息'>
        <Text className='body-text'>我们没有保存关于您的个人信息。</Text>
      </Card>
    )
  }
  return (
    <View id='export-groups'>
      {data.groups.map((g) => (
        <ExportGroup key={g.key} group={g} />
      ))}
    </View>
  )
}

function ExportGroup({ group }: { group: ReadableGroup }) {
  const [all, setAll] = useState(false)
  const shown = all ? group.records : group.records.slice(0, FIRST)
  return (
    <Card title={`${group.title}（${group.records.length} 条）`} className='export-group' id={`export-group-${group.key}`}>
      {shown.map((r, i) => (
        <View key={i} className='export-record'>
          {r.fields.map((f) => (
            <View key={f.label} className='export-field'>
              <Text className='caption export-field__label'>{f.label}</Text>
              <Text className='body-text export-field__value'>{f.value}</Text>
            </View>
          ))}
        </View>
      ))}
      {group.records.length > FIRST ? (
        <Button variant='secondary' block onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${group.records.length} 条`}
        </Button>
      ) : null}
    </Card>
  )
}
