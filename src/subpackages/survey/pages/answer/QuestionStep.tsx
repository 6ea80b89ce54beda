import { Text, View } from '@tarojs/components'
import { Choice, TextField } from '@/shared/ui'
import type { AnswerValue, Question } from '@domain/survey/model'

const RATINGS = [1, 2, 3, 4, 5]

/**
 * One question on its own screen (长辈版-friendly steps): big choices, one tap each, the choice
 * marked with ✓ as well as colour (R6.5).
 */
export function QuestionStep({ q, value, onChange }: { q: Question; value: AnswerValue | undefined; onChange: (v: AnswerValue | undefined) => void }) {
  const options = q.options ?? []
  if (q.kind === 'single') {
    return (
      <View className='choice-grid'>
        {options.map((o) => (
          <Choice key={o.id} id={`opt-${q.id}-${o.id}`} label={o.label} on={value === o.id} onClick={() => onChange(o.id)} />
        ))}
      </View>
    )
  }
  if (q.kind === 'multiple') {
    const picked = Array.isArray(value) ? (value as string[]) : []
    const toggle = (id: string) => onChange(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id])
    return (
      <View className='choice-grid'>
        {options.map((o) => (
          <Choice key={o.id} id={`opt-${q.id}-${o.id}`} label={o.label} on={picked.includes(o.id)} onClick={() => toggle(o.id)} />
        ))}
      </View>
    )
  }
  if (q.kind === 'rating') {
    return (
      <View className='choice-grid'>
        {RATINGS.map((n) => (
          <Choice key={n} id={`opt-${q.id}-${n}`} className='choice--half' label={`${n}分`} on={value === n} onClick={() => onChange(n)} />
        ))}
      </View>
    )
  }
  if (q.kind === 'text') {
    return <TextField id={`text-${q.id}`} label='您的回答' value={typeof value === 'string' ? value : ''} maxlength={500} multiline onChange={(v) => onChange(v || undefined)} hint='文字回答经内容安全检查后才会给工作人员看到' />
  }
  const grid = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {}
  return (
    <View>
      {(q.rows ?? []).map((row) => (
        <View key={row.id} className='matrix-row'>
          <Text className='title'>{row.label}</Text>
          <View className='choice-grid'>
            {options.map((o) => (
              <Choice key={o.id} id={`opt-${q.id}-${row.id}-${o.id}`} className='choice--half' label={o.label} on={grid[row.id] === o.id} onClick={() => onChange({ ...grid, [row.id]: o.id })} />
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

/** Whether the step may move on: optional questions may be skipped, a matrix needs every row. */
export function stepDone(q: Question, v: AnswerValue | undefined): boolean {
  if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') return !q.required
  if (q.kind === 'matrix') return (q.rows ?? []).every((r) => (v as Record<string, string>)[r.id])
  return true
}
