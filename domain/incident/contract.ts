/**
 * incident: 事件上报 and 社情民意 (R7.5–R7.7) — report, move through the states (each with who,
 * when and a note), list and follow. The reporter sees every step; 紧急 shows 110/119/120 (R7.6).
 */
import { z } from 'zod'
import { imageFileIds } from '../media/contract'
import { defineAction, defineFunction, ids, wireDate } from '../shared/contract'
import { CATEGORY_IDS, INCIDENT_KINDS, INCIDENT_STATES, LEVELS, URGENCIES } from './model'

const state = z.enum(INCIDENT_STATES)
const incidentId = z.string().min(1).max(80)

const view = z.object({
  id: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  category: z.enum(CATEGORY_IDS as [string, ...string[]]),
  categoryLabel: z.string(),
  urgency: z.enum(URGENCIES),
  state,
  stateLabel: z.string(),
  level: z.enum(LEVELS),
  locationLabel: z.string(),
  description: z.string(),
  /** Photos this viewer may see (media check, R5.8); heldPhotos: how many are still 审核中 for them. */
  photos: z.array(z.string()),
  heldPhotos: z.number().int(),
  assignee: z.string().nullable(),
  slaDueAt: wireDate,
  overdue: z.boolean(),
  mine: z.boolean(),
  createdAt: wireDate,
  history: z.array(z.object({ state, level: z.enum(LEVELS), at: wireDate, byLabel: z.string(), note: z.string().nullable() })),
})

export const incidentContract = defineFunction('incident', {
  report: defineAction({
    summary:
      'Report an incident or a request (residents of the community, grid workers): category, location (unit / building / free text), photos (cloud file ids), description (msgSecCheck; risky refused), urgency. 紧急 answers the emergency numbers and that Linli is not an emergency service (R7.6).',
    input: z
      .object({
        communityId: ids.community,
        kind: z.enum(INCIDENT_KINDS).default('INCIDENT'),
        category: z.enum(CATEGORY_IDS as [string, ...string[]]),
        unitId: ids.unit.optional(),
        buildingId: ids.building.optional(),
        locationText: z.string().trim().min(2).max(60).optional(),
        description: z.string().trim().min(5).max(500),
        /** Shared media uploads (≤ 6 for a report; the server checks they are the reporter's own). */
        photos: imageFileIds.refine((v) => v.length <= 6, '最多 6 张照片').default([]),
        urgency: z.enum(URGENCIES).default('NORMAL'),
      })
      .strict()
      .refine((v) => v.unitId || v.buildingId || v.locationText, { message: '请选择楼栋房屋或填写位置', path: ['locationText'] }),
    output: z.object({ incident: view, emergency: z.object({ numbers: z.array(z.object({ number: z.string(), label: z.string() })), disclaimer: z.string() }).nullable() }),
    access: 'member',
    purpose: 'household',
    idempotent: true,
  }),
  transition: defineAction({
    summary:
      'Move an incident one legal step (staff with incident.handle in its grid: accept, assign, start, resolve; the reporter: confirm or reopen). Illegal steps → CONFLICT, nothing written. Each step records who, when and a note.',
    input: z
      .object({ incidentId, to: state, note: z.string().trim().max(200).optional(), assignee: z.string().trim().min(2).max(40).optional() })
      .strict()
      .refine((v) => v.to !== 'ASSIGNED' || !!v.assignee, { message: '派单需要填写承办人或部门', path: ['assignee'] })
      .refine((v) => !['RESOLVED', 'REOPENED'].includes(v.to) || (v.note ?? '').length >= 2, { message: '请填写说明', path: ['note'] }),
    output: z.object({ incident: view }),
    access: 'member',
    idempotent: true,
  }),
  list: defineAction({
    summary: "mine: the caller's own reports; otherwise (incident.handle) those of the caller's grids — community-level ones for RC staff and admins. Newest first, 30 a page.",
    input: z.object({ communityId: ids.community, mine: z.boolean().default(true), state: state.optional(), page: z.number().int().min(0).max(200).default(0) }).strict(),
    output: z.object({ incidents: z.array(view), hasMore: z.boolean() }),
    access: 'member',
  }),
  get: defineAction({
    summary: 'One incident with its full history, for the reporter or staff in scope.',
    input: z.object({ incidentId }).strict(),
    output: z.object({ incident: view, canHandle: z.boolean() }),
    access: 'member',
  }),
})
