import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import type { BootstrapOutput } from '@domain/user/contract'
import { loadSession, type SessionState } from '@/features/session/session-store'
import { ErrorState, Loading } from '@/shared/ui'

/**
 * Loading, error and ready states of the session in one place. With data already on screen a
 * failed reload shows a banner instead of replacing the page.
 */
export function SessionGate({ session, children }: { session: SessionState; children: (data: BootstrapOutput) => ReactNode }) {
  if (!session.data) {
    if (session.status === 'error') {
      return <ErrorState message={session.error.message} onRetry={() => void loadSession()} />
    }
    return <Loading />
  }
  return (
    <>
      {session.status === 'error' ? (
        <Text className='error-banner body-text' onClick={() => void loadSession()}>
          {session.error.message}（点此重试）
        </Text>
      ) : null}
      {children(session.data)}
    </>
  )
}
