import { Input, Text, Textarea, View } from '@tarojs/components'
import { cx } from './class-names'

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  id?: string
  placeholder?: string
  /** Shown under the field (what it is for, or the validation message). */
  hint?: string
  error?: string | null
  type?: 'text' | 'number' | 'idcard'
  maxlength?: number
  multiline?: boolean
  disabled?: boolean
}

/**
 * A labelled input, min 3rem tall (48 px / 60 px in care mode). The label is always visible
 * (placeholders vanish while typing, which is hard for older people, MIIT 适老化).
 */
export function TextField({ label, value, onChange, id, placeholder, hint, error, type = 'text', maxlength = 140, multiline, disabled }: TextFieldProps) {
  const onInput = (e: { detail: { value: string } }) => onChange(e.detail.value)
  return (
    <View className='field' id={id ? `${id}-field` : undefined}>
      <Text className='field__label body-text'>{label}</Text>
      {multiline ? (
        <Textarea id={id} className='field__input field__input--area' value={value} placeholder={placeholder} maxlength={maxlength} disabled={disabled} onInput={onInput} autoHeight />
      ) : (
        <Input id={id} className='field__input' type={type} value={value} placeholder={placeholder} maxlength={maxlength} disabled={disabled} onInput={onInput} />
      )}
      {error ? (
        <View ariaRole='alert'>
          <Text className={cx('form-error', 'body-text')}>{error}</Text>
        </View>
      ) : hint ? (
        <Text className='caption'>{hint}</Text>
      ) : null}
    </View>
  )
}
