export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '群成员' })
