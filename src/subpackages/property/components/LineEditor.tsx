import { Text, View } from '@tarojs/components'
import { Button, TextField } from '@/shared/ui'
import { fenToYuan, yuanToFen } from '@domain/finance/model'

/** One line as typed: a category and yuan text (parsed to fen only when checked). */
export interface LineDraft {
  category: string
  yuan: string
}

/** fen of a typed amount, or null while it is not a valid one. */
export const fenOf = (yuan: string): number | null => {
  const r = yuanToFen(yuan)
  return 'fen' in r ? r.fen : null
}
export const amountProblem = (yuan: string): string | null => {
  const r = yuanToFen(yuan)
  return 'problem' in r ? r.problem : null
}
export const linesTotal = (lines: LineDraft[]) => lines.reduce((s, l) => s + (fenOf(l.yuan) ?? 0), 0)

/**
 * Income, expenditure or common-parts lines: category and amount in 元 (stored as integer 分),
 * the total computed and shown, never typed twice (issue #14 §2). Large fields and buttons in rem
 * so 长辈版 scales them (R6.2).
 */
export function LineEditor({ id, title, lines, onChange, placeholder }: { id: string; title: string; lines: LineDraft[]; onChange: (v: LineDraft[]) => void; placeholder: string }) {
  const set = (i: number, patch: Partial<LineDraft>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)))
  return (
    <View id={id} className='line-editor'>
      <Text className='title line-editor__title'>{title}</Text>
      {lines.map((l, i) => (
        <View key={i} className='line-editor__row' id={`${id}-${i}`}>
          <TextField id={`${id}-${i}-category`} label={`第${i + 1}项 名目`} value={l.category} onChange={(v) => set(i, { category: v })} placeholder={placeholder} maxlength={30} error={l.category.trim() ? null : '请填写名目'} />
          <TextField id={`${id}-${i}-amount`} label='金额（元）' value={l.yuan} onChange={(v) => set(i, { yuan: v })} placeholder='如 1234.50' maxlength={16} error={amountProblem(l.yuan)} />
          <Button id={`${id}-${i}-remove`} variant='text' block onClick={() => onChange(lines.filter((_, j) => j !== i))}>删除这一项</Button>
        </View>
      ))}
      <Button id={`${id}-add`} variant='secondary' block onClick={() => onChange([...lines, { category: '', yuan: '' }])}>{`添加一项${title}`}</Button>
      <Text className='body-text line-editor__total' id={`${id}-total`}>{`${title}合计：${fenToYuan(linesTotal(lines))} 元`}</Text>
    </View>
  )
}
