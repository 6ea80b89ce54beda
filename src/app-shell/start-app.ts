import { initTransport, setConsentHandler } from '@/services/cloud'
import { askForConsent } from '@/features/consent/ask-consent'
import { adoptServerCareMode, initCareMode } from '@/features/care-mode/care-mode-store'
import { adoptPersonaFromUrl } from '@/features/dev-persona/persona-store'
import { registerPrivacyHandler } from '@/features/privacy/privacy-authorization'
import { loadSession, onSessionLoaded } from '@/features/session/session-store'
import { refreshNoticeBadge } from '@/features/notices/badge'
import { readFontSettings, warnIfBaseLibraryTooOld } from './platform-info'

let started = false

/** Everything that happens once per launch, in order. */
export function startApp(): void {
  if (started) return
  started = true
  initTransport()
  // Any call answering CONSENT_REQUIRED opens that purpose's sheet and is retried once after a grant.
  setConsentHandler(askForConsent)
  registerPrivacyHandler()
  warnIfBaseLibraryTooOld()
  if (process.env.TARO_ENV === 'h5') adoptPersonaFromUrl(window.location.href)
  initCareMode(readFontSettings())
  onSessionLoaded((session) => adoptServerCareMode(session.profile.elderMode))
  // The 通知 tab's unread badge for whoever is signed in (also after a persona switch in H5).
  onSessionLoaded((session) => {
    if (!session.isNew) void refreshNoticeBadge()
  })
  void loadSession()
}
