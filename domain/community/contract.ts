/**
 * community: what a newcomer browses to join (communities, buildings, units — never owners), and
 * the resident's grid card (R7.1).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids } from '../shared/contract'

export const communityContract = defineFunction('community', {
  list: defineAction({
    summary: 'Communities one can join.',
    input: z.object({}).strict(),
    output: z.object({
      communities: z.array(z.object({ id: z.string(), name: z.string(), city: z.string(), kind: z.string() })),
    }),
    access: 'anyone',
  }),
  units: defineAction({
    summary: 'Buildings of a community, and with buildingId the units of that building (label and floor only, no owners, no parking spaces).',
    input: z.object({ communityId: ids.community, buildingId: ids.building.optional() }).strict(),
    output: z.object({
      buildings: z.array(z.object({ id: z.string(), name: z.string() })),
      units: z.array(z.object({ id: z.string(), buildingId: z.string(), label: z.string(), number: z.string(), floor: z.number() })),
    }),
    access: 'anyone',
  }),
  grids: defineAction({
    summary: 'The grids of a community with their buildings and worker (R7.1: grids and their workers are posted publicly) — for staff pickers and the grid card.',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      grids: z.array(z.object({ id: z.string(), name: z.string(), buildingIds: z.array(z.string()), buildingNames: z.array(z.string()), households: z.number(), workerName: z.string() })),
    }),
    access: 'member',
  }),
  myGridCard: defineAction({
    summary: "R7.1: for each approved home of the caller, the grid's name, worker name, masked worker phone (plus the published number for tap-to-call) and the supervision hotline.",
    input: z.object({ communityId: ids.community.optional() }).strict(),
    output: z.object({
      cards: z.array(
        z.object({
          gridId: z.string(),
          gridName: z.string(),
          communityId: z.string(),
          unitLabel: z.string(),
          households: z.number(),
          workerName: z.string(),
          workerPhoneMasked: z.string(),
          /** The worker's published contact (Binzhou Art. 6: posted where residents gather) — for tap-to-call. */
          workerTel: z.string(),
          supervisorHotline: z.string(),
        }),
      ),
    }),
    access: 'member',
  }),
})
