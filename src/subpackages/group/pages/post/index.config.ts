export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '帖子详情' })
