/**
 * survey: questionnaires built by residents'-committee staff and admins (capability
 * survey.manage), answered by residents of the audience (issue #15). Structural rules live in
 * rules.ts and run inside the schema, so a bad survey or a bad response is VALIDATION_FAILED with
 * field details and nothing is written.
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { LIMITS, QUESTION_KINDS } from './model'
import { checkDefinition } from './rules'

const choice = z.object({ id: z.string().regex(/^[a-z0-9_]{1,32}$/, '选项编号为小写字母、数字或下划线'), label: z.string().trim().min(1).max(80) }).strict()
export const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{1,32}$/, '问题编号为小写字母、数字或下划线'),
    kind: z.enum(QUESTION_KINDS),
    title: z.string().trim().min(1, '请填写题目').max(LIMITS.title),
    required: z.boolean().default(true),
    // The limits are checked in rules.ts with a clear message; the schema bound only stops abuse.
    options: z.array(choice).max(100).optional(),
    rows: z.array(choice).max(100).optional(),
    baseline: z.string().max(40).optional(),
  })
  .strict()

const audience = z.object({ kind: z.enum(['community', 'grids', 'buildings', 'owners']), ids: z.array(z.string().min(1).max(64)).max(50).default([]) }).strict()

/** Where a survey came from: a 邻里讨论 post or a council agenda item (coordination with the groups feature). */
const origin = z.object({ kind: z.enum(['post', 'agenda']), id: z.string().min(1).max(80) }).strict()

const definitionFields = {
  title: z.string().trim().min(1, '请填写问卷标题').max(LIMITS.title),
  intro: z.string().trim().max(1000).default(''),
  questions: z.array(questionSchema).max(200),
  audience: audience.default({ kind: 'community', ids: [] }),
  anonymous: z.boolean().default(false),
  oncePer: z.enum(['person', 'household']).default('person'),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
}

/** Runs rules.ts on a parsed definition and reports its field errors through zod. */
function refineDefinition(def: z.infer<z.ZodObject<typeof definitionFields>>, ctx: z.RefinementCtx): void {
  for (const [path, messages] of Object.entries(checkDefinition(def))) {
    for (const message of messages) ctx.addIssue({ code: 'custom', message, path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) })
  }
}

const definition = z.object({ communityId: ids.community, ...definitionFields, origin: origin.optional() }).strict().superRefine(refineDefinition)

const answerValue = z.union([z.string().max(LIMITS.textLength * 2), z.array(z.string().max(40)).max(LIMITS.options), z.number(), z.record(z.string().max(40), z.string().max(40))])

const status = z.enum(['DRAFT', 'PUBLISHED', 'CLOSED'])
const surveySummary = z.object({
  id: z.string(),
  title: z.string(),
  status,
  anonymous: z.boolean(),
  oncePer: z.enum(['person', 'household']),
  opensAt: wireDate,
  closesAt: wireDate,
  questionCount: z.number(),
  templateKey: z.string().nullable(),
  /** For the caller: already answered (by them or, per household, by their household). */
  answered: z.boolean(),
  /** Open now and the caller is in the audience. */
  canAnswer: z.boolean(),
})
const surveyFull = surveySummary.extend({
  communityId: z.string(),
  intro: z.string(),
  audience,
  questions: z.array(questionSchema),
  origin: origin.nullable(),
})

const cell = z.object({ id: z.string(), label: z.string(), count: z.number().nullable(), share: z.number().nullable() })
const resultsOut = z.object({
  surveyId: z.string(),
  title: z.string(),
  status,
  respondents: z.number(),
  minCell: z.number(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      kind: z.enum(QUESTION_KINDS),
      title: z.string(),
      baseline: z.string().nullable(),
      answered: z.number(),
      cells: z.array(cell),
      rows: z.array(z.object({ id: z.string(), label: z.string(), cells: z.array(cell) })),
      mean: z.number().nullable(),
      texts: z.array(z.string()),
      held: z.number(),
      refused: z.number(),
      suppressed: z.boolean(),
    }),
  ),
})

const surveyRef = z.object({ surveyId: z.string().min(1).max(80) }).strict()
const manage = { capability: 'survey.manage' as const }

export const surveyContract = defineFunction('survey', {
  create: defineAction({
    summary: 'Create a draft survey. Bad structure (no question, > 20 options, a matrix over 10 × 10, close before open) → VALIDATION_FAILED with field details.',
    input: definition,
    output: z.object({ surveyId: z.string(), status }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  createFromTemplate: defineAction({
    summary: 'Create a draft of the field study questionnaire (template "baseline-2019"), mapped to the baseline figures.',
    input: z
      .object({ communityId: ids.community, template: z.literal('baseline-2019'), opensAt: z.iso.datetime({ offset: true }), closesAt: z.iso.datetime({ offset: true }) })
      .strict()
      .refine((i) => Date.parse(i.closesAt) > Date.parse(i.opensAt), { message: '截止时间必须晚于开始时间', path: ['closesAt'] }),
    output: z.object({ surveyId: z.string(), status }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  update: defineAction({
    summary: 'Replace a draft survey’s definition (published surveys cannot change under their respondents).',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community, ...definitionFields }).strict().superRefine(refineDefinition),
    output: z.object({ surveyId: z.string(), status }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  publish: defineAction({
    summary: 'Publish a draft: residents of the audience can answer between its open and close dates.',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community }).strict(),
    output: z.object({ surveyId: z.string(), status }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  close: defineAction({
    summary: 'Close a published survey early (results stay).',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community }).strict(),
    output: z.object({ surveyId: z.string(), status }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  list: defineAction({
    summary: 'Surveys of a community: published and closed ones for residents of the audience; drafts too for survey.manage.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({ surveys: z.array(surveySummary), canManage: z.boolean() }),
    access: 'member',
  }),
  get: defineAction({
    summary: 'One survey with the full text of its questions and options.',
    input: surveyRef,
    output: surveyFull,
    access: 'member',
  }),
  respond: defineAction({
    summary:
      'Answer a survey once per person or per household. Anonymous: the response keeps no openid, no unit and only the day; uniqueness by a salted token in another collection. Free text through msgSecCheck (R5.8).',
    input: z.object({ surveyId: z.string().min(1).max(80), answers: z.record(z.string().max(40), answerValue), unitId: ids.unit.optional() }).strict(),
    output: z.object({ surveyId: z.string(), day: z.string(), held: z.number() }),
    access: 'member',
    purpose: 'survey',
    idempotent: true,
  }),
  results: defineAction({
    summary: 'Aggregated results with small cells (fewer than 5) suppressed; passed free-text answers only.',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community }).strict(),
    output: resultsOut,
    access: { ...manage, community: (i) => i.communityId },
  }),
  audienceCount: defineAction({
    summary: 'How many households (homes with an approved member) an audience addresses, before publishing.',
    input: z.object({ communityId: ids.community, audience }).strict(),
    output: z.object({ households: z.number(), buildings: z.number() }),
    access: { ...manage, community: (i) => i.communityId },
  }),
  heldTexts: defineAction({
    summary: 'Free-text answers held by msgSecCheck (review), for a person to release or refuse (R5.8). Never who wrote them.',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community }).strict(),
    output: z.object({ items: z.array(z.object({ key: z.string(), questionId: z.string(), questionTitle: z.string(), text: z.string() })), total: z.number() }),
    access: { ...manage, community: (i) => i.communityId },
  }),
  reviewText: defineAction({
    summary: 'Release (shown in the results) or refuse (never shown) one held free-text answer. Audited.',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community, key: z.string().min(1).max(120), decision: z.enum(['RELEASE', 'REFUSE']) }).strict(),
    output: z.object({ key: z.string(), moderation: z.enum(['RELEASED', 'REFUSED']) }),
    access: { ...manage, community: (i) => i.communityId },
    idempotent: true,
  }),
  export: defineAction({
    summary: 'The results as CSV (UTF-8 with BOM, formulas neutralised), base64 for the transport. Audited.',
    input: z.object({ surveyId: z.string().min(1).max(80), communityId: ids.community }).strict(),
    output: z.object({ filename: z.string(), csvBase64: z.string(), rows: z.number() }),
    access: { ...manage, community: (i) => i.communityId },
  }),
})
