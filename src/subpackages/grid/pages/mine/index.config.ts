export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '我发布的通知',
})
