/**
 * The builder's editable draft and its conversion to survey.create input. Options are typed one
 * per line (easier than many small fields on a phone); ids are generated from positions.
 */
import type { QuestionKind } from '@domain/survey/model'

export interface DraftQuestion {
  kind: QuestionKind
  title: string
  required: boolean
  /** One option (or matrix column) per line. */
  optionsText: string
  /** Matrix rows, one per line. */
  rowsText: string
}

export const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

export function newQuestion(kind: QuestionKind): DraftQuestion {
  return { kind, title: '', required: kind !== 'text', optionsText: kind === 'matrix' ? '满意\n一般\n不满意' : '', rowsText: '' }
}

export type AudienceKind = 'community' | 'owners' | 'grids' | 'buildings'
export interface DraftOrigin {
  kind: 'post' | 'agenda'
  id: string
}

/** The builder's query (?originKind=post&originId=…&title=…) from a 邻里讨论 post or an agenda item. */
export function originFromQuery(q: Record<string, string | undefined>): { origin: DraftOrigin | null; title: string } {
  const kind = q.originKind === 'post' || q.originKind === 'agenda' ? q.originKind : null
  const id = q.originId ? decodeURIComponent(q.originId) : ''
  return { origin: kind && id ? { kind, id } : null, title: q.title ? decodeURIComponent(q.title).slice(0, 200) : '' }
}

export function toInput(
  communityId: string,
  d: { title: string; intro: string; questions: DraftQuestion[]; audience: AudienceKind; audienceIds?: string[]; anonymous: boolean; oncePer: 'person' | 'household'; days: number; origin?: DraftOrigin | null },
  now = new Date(),
) {
  return {
    communityId,
    title: d.title,
    intro: d.intro,
    questions: d.questions.map((q, i) => ({
      id: `q${i + 1}`,
      kind: q.kind,
      title: q.title,
      required: q.required,
      ...(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix' ? { options: lines(q.optionsText).map((label, j) => ({ id: `o${j + 1}`, label })) } : {}),
      ...(q.kind === 'matrix' ? { rows: lines(q.rowsText).map((label, j) => ({ id: `r${j + 1}`, label })) } : {}),
    })),
    audience: { kind: d.audience, ids: d.audience === 'grids' || d.audience === 'buildings' ? (d.audienceIds ?? []) : [] },
    ...(d.origin ? { origin: d.origin } : {}),
    anonymous: d.anonymous,
    oncePer: d.oncePer,
    opensAt: now.toISOString(),
    closesAt: new Date(now.getTime() + d.days * 24 * 3600 * 1000).toISOString(),
  }
}
