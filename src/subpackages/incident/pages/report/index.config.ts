export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '事件上报',
})
