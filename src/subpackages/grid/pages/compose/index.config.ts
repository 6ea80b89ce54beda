export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '发布通知',
})
