export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '兴趣群审核' })
