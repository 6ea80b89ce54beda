/** The headless weapp runtime: see docs/weapp-tests.md. */
export { MiniProgram, formatCollected, formatError, livePrograms, takeStrayRejections, type CollectedError, type ProgramOptions } from './program'
export { PageHandle, isSelector, type Target } from './page'
export { Device, type DeviceOptions, type PickedFile } from './device'
export { localCloud, scriptedCloud, type CloudOptions, type RecordedCall } from './cloud'
export { allPages, tabPages, AppFiles, DEFAULT_DIST, REPO_ROOT, type AppJson } from './files'
export { describe, textOf, walk, type WxElement } from './view'
export { wxApiNames } from './wx-api-names'
