export default definePageConfig({ enablePageMeta: true, navigationBarTitleText: '议事厅' })
