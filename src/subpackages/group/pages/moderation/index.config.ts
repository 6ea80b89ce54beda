export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '内容审核' })
