import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { NavigationBar, PageMeta, View } from '@tarojs/components'
import { CareModeSuggestion } from '@/features/care-mode/CareModeSuggestion'
import { useTheme } from '@/features/care-mode/care-mode-store'
import { ConsentSheet } from '@/features/consent/ConsentSheet'
import { closeConsentRequestOf } from '@/features/consent/consent-store'
import { PrivacyPopup } from '@/features/privacy/PrivacyPopup'
import { settlePrivacyPromptOf } from '@/features/privacy/privacy-store'
import { activePageStore, newPageKey } from '@/shared/lib/active-page'
import { cx } from '@/shared/ui'

/**
 * Every page renders inside this shell. It applies the care-mode theme by setting the root font
 * size — <page-meta root-font-size> in weapp (must be the page's first node), the <html> font
 * size in H5 — and hosts the app-wide popups (platform privacy, consent sheet, care suggestion).
 * weapp has no layer above pages, so the popups are rendered by whichever page is visible.
 */
export interface PageShellProps {
  /** Navigation bar title. weapp: page-meta's navigation-bar overrides the page config, so it is set here. */
  title: string
  children: ReactNode
  className?: string
  id?: string
}

export function PageShell({ title, children, className, id }: PageShellProps) {
  const theme = useTheme()
  const [pageKey] = useState(newPageKey)
  const visible = usePageVisible(pageKey)

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && visible) document.documentElement.style.fontSize = theme.rootFontSize
  }, [theme.rootFontSize, visible])

  return (
    <>
      {process.env.TARO_ENV === 'weapp' ? (
        <PageMeta rootFontSize={theme.rootFontSize}>
          <NavigationBar title={title} frontColor='#000000' backgroundColor='#ffffff' />
        </PageMeta>
      ) : null}
      <View id={id} className={cx('page', theme.careMode && 'page--care', className)}>
        {children}
        {visible ? <PrivacyPopup pageKey={pageKey} /> : null}
        {visible ? <ConsentSheet pageKey={pageKey} /> : null}
        {visible ? <CareModeSuggestion /> : null}
      </View>
    </>
  )
}

/**
 * Hidden pages (earlier in the stack, other tabs) must not render a second copy of a popup. The
 * page in front is recorded (shared/lib/active-page) so popups know which page opened them; a page
 * that unloads (back) takes its open sheet or prompt with it (issue #7 item 2).
 */
function usePageVisible(pageKey: string): boolean {
  const [visible, setVisible] = useState(true)
  useEffect(() => activePageStore.set(pageKey), [pageKey])
  useDidShow(() => {
    activePageStore.set(pageKey)
    setVisible(true)
  })
  useDidHide(() => setVisible(false))
  useUnload(() => {
    closeConsentRequestOf(pageKey)
    settlePrivacyPromptOf(pageKey)
  })
  return visible
}

/** Pull-down refresh: run the reload, then always close the spinner. */
export async function withPullDownRefresh(reload: () => Promise<unknown>): Promise<void> {
  try {
    await reload()
  } finally {
    Taro.stopPullDownRefresh()
  }
}
