import { View } from '@tarojs/components'
import { Button, ErrorState, Loading } from '@/shared/ui'
import type { Directory } from './use-directory'

/** What sits under a directory list: the error with retry, the spinner, or 加载更多. */
export function DirectoryStatus({ directory, moreId }: { directory: Directory; moreId: string }) {
  if (directory.status === 'error') return <ErrorState message={directory.error} onRetry={directory.reload} />
  if (directory.status === 'loading') return <Loading />
  if (directory.status !== 'ready' || !directory.hasMore) return null
  return (
    <>
      <View className='spacer' />
      <Button id={moreId} variant='secondary' block onClick={directory.loadMore}>
        加载更多
      </Button>
    </>
  )
}
