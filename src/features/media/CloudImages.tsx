import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { getTempUrls } from './storage'

/**
 * Images stored in cloud storage, shown from temp URLs; a tap opens the platform's viewer on that
 * image (previewImage, swipe through the others). `fileIds` are what the server let this viewer
 * see (visibleImages); `held` is how many it held back: "n 张图片审核中" (R5.8).
 */
export function CloudImages(props: { fileIds: string[]; held?: number }) {
  const { fileIds, held = 0 } = props
  const key = fileIds.join('\n')
  const [urls, setUrls] = useState<Record<string, string> | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let live = true
    setUrls(null)
    setFailed(false)
    if (fileIds.length === 0) return
    getTempUrls(fileIds).then(
      (u) => live && setUrls(u),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the ids' content
  }, [key])

  if (fileIds.length === 0 && held === 0) return null
  const shown = urls ? fileIds.map((id) => urls[id]).filter((u): u is string => !!u) : []
  const missing = urls ? fileIds.length - shown.length : 0

  return (
    <View className='media-images'>
      {fileIds.length > 0 && (
        <View className='media-grid'>
          {shown.map((url, i) => (
            <View
              key={url}
              className='media-tile media-tile--view'
              ariaRole='button'
              ariaLabel={`查看第 ${i + 1} 张图片`}
              onClick={() => void Taro.previewImage({ urls: shown, current: url }).catch(() => undefined)}
            >
              <Image className='media-tile__img' src={url} mode='aspectFill' />
            </View>
          ))}
          {!urls && !failed && fileIds.map((id) => <View key={id} className='media-tile media-tile--loading' aria-hidden />)}
        </View>
      )}
      {(failed || missing > 0) && <Text className='media-images__note hint'>{failed ? '图片暂时无法显示，请稍后再试' : `${missing} 张图片无法显示`}</Text>}
      {held > 0 && <Text className='media-images__note media-images__held'>{held} 张图片审核中</Text>}
    </View>
  )
}
