import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { startApp } from '@/app-shell/start-app'
import './app.scss'
import '@/app-shell/platform-styles'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    startApp()
  })
  return children
}

export default App
