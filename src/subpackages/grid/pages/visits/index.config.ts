export default definePageConfig({
  enablePageMeta: true,
  navigationBarTitleText: '走访',
})
