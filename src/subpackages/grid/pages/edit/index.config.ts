export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '修改通知',
})
