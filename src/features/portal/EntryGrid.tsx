import { Text, View } from '@tarojs/components'
import type { PortalEntry } from './types'
import { entryId } from './portal-model'
import { openUrl } from './open-url'

/**
 * The grid of service entries: four a row, three in 长辈版 (so a four-character title fits at a
 * 24 px root without wrapping); each tile is a target of at least 3rem.
 */
export function EntryGrid({ entries, title = '社区服务' }: { entries: PortalEntry[]; title?: string }) {
  if (entries.length === 0) return null
  return (
    <View id='portal-entries' className='home-block card'>
      <Text className='card__title title'>{title}</Text>
      <View className='portal-grid'>
        {entries.map((e) => (
          <View
            key={`${e.key}:${e.url}`}
            id={entryId(e)}
            className='portal-grid__tile'
            ariaRole='link'
            hoverClass='portal-grid__tile--hover'
            onClick={() => openUrl(e.url)}
          >
            <Text className='portal-grid__glyph' aria-hidden>
              {e.glyph}
            </Text>
            <Text className='portal-grid__title body-text'>{e.title}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
