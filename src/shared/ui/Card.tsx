import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from './class-names'

export function Card({ title, children, className, id }: { title?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <View id={id} className={cx('card', className)}>
      {title ? <Text className='card__title title'>{title}</Text> : null}
      {children}
    </View>
  )
}
