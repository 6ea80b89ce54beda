/** Pages of the survey subpackage (kept here so shared routes.ts stays untouched across branches). */
export const SURVEY_ROUTES = {
  list: '/subpackages/survey/pages/list/index',
  answer: '/subpackages/survey/pages/answer/index',
  thanks: '/subpackages/survey/pages/thanks/index',
  builder: '/subpackages/survey/pages/builder/index',
  results: '/subpackages/survey/pages/results/index',
  dashboard: '/subpackages/survey/pages/dashboard/index',
  review: '/subpackages/survey/pages/review/index',
  actions: '/subpackages/survey/pages/actions/index',
} as const
