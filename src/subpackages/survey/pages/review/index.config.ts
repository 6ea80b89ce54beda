export default definePageConfig({
  // <page-meta root-font-size> from PageShell drives the care-mode (长辈版) theme.
  enablePageMeta: true,
  navigationBarTitleText: '审核文字回答',
})
