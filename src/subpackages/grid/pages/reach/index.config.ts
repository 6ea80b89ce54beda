export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '送达情况',
})
