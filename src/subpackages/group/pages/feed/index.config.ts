export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '邻里群', enablePullDownRefresh: true })
