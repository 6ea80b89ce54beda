import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { pickImages, type PickedImage } from './images'

/**
 * Picked images as thumbnails, each with its own 删除, and an 添加图片 tile while there is room.
 * Problems (wrong type, too large, privacy refused) are shown under the grid in words. Sizes in
 * rem: thumbnails 5rem, every tap target at least 3rem (48 px; 60 px at the 长辈版 root, R6.2).
 * Nothing is uploaded here: the page calls uploadAll when the person submits.
 */
export function ImagePicker(props: { value: PickedImage[]; onChange: (v: PickedImage[]) => void; max: number }) {
  const { value, onChange, max } = props
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const room = Math.max(0, max - value.length)

  const add = async () => {
    if (busy || room === 0) return
    setBusy(true)
    try {
      const r = await pickImages(room)
      setProblems(r.problems)
      if (r.ok.length) onChange([...value, ...r.ok].slice(0, max))
    } catch {
      setProblems(['无法打开相册，请稍后再试'])
    } finally {
      setBusy(false)
    }
  }

  const remove = (i: number) => {
    setProblems([])
    onChange(value.filter((_, j) => j !== i))
  }

  return (
    <View className='media-picker'>
      <View className='media-grid'>
        {value.map((img, i) => (
          <View key={`${img.path}:${i}`} className='media-tile'>
            <Image className='media-tile__img' src={img.path} mode='aspectFill' ariaLabel={`第 ${i + 1} 张图片`} />
            <View className='media-tile__remove' ariaRole='button' ariaLabel={`删除第 ${i + 1} 张图片`} hoverClass='media-tile__remove--hover' onClick={() => remove(i)}>
              <Text className='media-tile__remove-text'>删除</Text>
            </View>
          </View>
        ))}
        {room > 0 && (
          <View className='media-tile media-tile--add' ariaRole='button' ariaLabel='添加图片' hoverClass='media-tile--hover' onClick={() => void add()}>
            <Text className='media-tile__plus' aria-hidden>
              ＋
            </Text>
            <Text className='media-tile__add-text'>{busy ? '请稍候' : '添加图片'}</Text>
          </View>
        )}
      </View>
      <Text className='media-picker__count hint'>
        已选 {value.length}/{max} 张
      </Text>
      {problems.map((p) => (
        <Text key={p} className='media-picker__problem' aria-live='polite'>
          {p}
        </Text>
      ))}
    </View>
  )
}
