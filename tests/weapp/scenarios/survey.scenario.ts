/**
 * Surveys on the weapp build (issue #15): the elder resident (长辈版) answers the seeded field
 * study questionnaire step by step, grants 问卷调查 in the consent sheet on submit, and is told the
 * answers were kept anonymously; then RC staff see the seeded results with a suppressed cell.
 */
import { assert, type WeappTest } from '../suite'
import { onPage, see, tap } from './helpers'
import { baselineTemplate } from '../../../domain/survey/baseline'

const SURVEY = 'sv_seed_baseline'

export const tests: WeappTest[] = [
  {
    name: 'scenario: survey — 陈桂兰 answers the field study questionnaire in steps, staff see the results',
    async run({ open }) {
      const { mp } = await open('o_demo_elder', 'subpackages/survey/pages/list/index')
      await tap(mp, `#survey-${SURVEY}`)
      await onPage(mp, 'subpackages/survey/pages/answer/index')
      await tap(mp, '#survey-start')
      const { questions } = baselineTemplate('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')
      for (const q of questions) {
        await see(mp, '#survey-question-title', q.title)
        if (q.kind === 'matrix') for (const r of q.rows ?? []) await tap(mp, `#opt-${q.id}-${r.id}-${q.options![0].id}`)
        else if (q.options?.length) await tap(mp, `#opt-${q.id}-${q.options[0].id}`)
        await tap(mp, '#survey-next')
      }
      await tap(mp, '#survey-submit')
      await see(mp, '#consent-sheet')
      await tap(mp, '#consent-tick')
      await tap(mp, '#consent-agree-btn')
      await onPage(mp, 'subpackages/survey/pages/thanks/index')
      await see(mp, '#survey-thanks-text', '匿名保存')
      const responds = mp.cloudCalls.filter((c) => c.name === 'survey' && c.action === 'respond')
      assert(responds.length === 2, `survey.respond called ${responds.length} times (expected: refused for consent, then retried)`)

      const staff = await open('o_demo_rc_staff', `subpackages/survey/pages/results/index?id=${SURVEY}`)
      await see(staff.mp, '#survey-respondents', '共43份答卷')
      await see(staff.mp, '#chart-q_type-village', '少于5人')
    },
  },
]
