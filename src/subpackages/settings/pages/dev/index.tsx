import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/app-shell/PageShell'
import { fetchPersonas, getDevOpenid, setDevOpenid, type DevPersona } from '@/features/dev-persona/persona-store'
import { loadSession, resetSession } from '@/features/session/session-store'
import { ROUTES } from '@/shared/lib/routes'
import { Empty, ErrorState, ListRow, Loading, PageHeader } from '@/shared/ui'

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; personas: DevPersona[] }

/**
 * H5 dev builds only (registered in app.config only for h5): act as one of the local cloud's
 * demo personas. The chosen openid is sent as X-Dev-Openid; after switching we re-bootstrap.
 */
export default function DevPersonaPage() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const [current, setCurrent] = useState(getDevOpenid())

  const load = useCallback(() => {
    setState({ status: 'loading' })
    fetchPersonas()
      .then((personas) => setState({ status: 'ready', personas }))
      .catch((error: unknown) =>
        setState({ status: 'error', message: `无法获取演示身份列表（${error instanceof Error ? error.message : String(error)}），请确认本地云服务已启动` }),
      )
  }, [])

  useEffect(load, [load])

  const choose = async (persona: DevPersona) => {
    setDevOpenid(persona.openid)
    setCurrent(persona.openid)
    resetSession()
    void loadSession()
    void Taro.showToast({ title: `已切换为${persona.label || persona.name}`, icon: 'none' })
    await Taro.switchTab({ url: ROUTES.home })
  }

  return (
    <PageShell title='切换身份' id='dev-page'>
      <PageHeader title='切换身份' caption='仅本地开发环境可用，正式小程序中不存在此页面。' />
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={load} /> : null}
      {state.status === 'ready' && state.personas.length === 0 ? <Empty title='没有演示身份' /> : null}
      {state.status === 'ready' && state.personas.length > 0 ? (
        <View className='list' id='persona-list'>
          {state.personas.map((persona) => (
            <ListRow
              key={persona.openid}
              id={`persona-${persona.openid}`}
              className='persona-row'
              // One level of brackets at most: labels already carry some (网格员（第一网格）), issue #7 item 10.
              title={persona.name}
              description={`${persona.label} · ${persona.description}`}
              extra={persona.openid === current ? <Text className='caption'>当前</Text> : undefined}
              arrow
              onClick={() => void choose(persona)}
            />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
