/**
 * roster: the owner register (R2.1/R2.2) — CSV import by the owners' committee or residents'
 * committee, and the published roster with headcount and area (R2.1, R2.3).
 */
import { z } from 'zod'
import { defineAction, defineFunction, ids } from '../shared/contract'

export const rosterContract = defineFunction('roster', {
  import: defineAction({
    summary:
      'Import the owner register from a CSV (zh headers 楼栋,房号,面积(m²),面积来源,是否车位,开发商持有,已交付,权利人,证件号). The whole file is validated first; any bad row → ROSTER_INVALID with line and field, nothing written. ID numbers are hashed at once and never stored. Re-importing the same file changes nothing.',
    input: z
      .object({
        communityId: ids.community,
        /** The file's bytes, base64 (≤ ~2 MB of CSV). */
        csvBase64: z.string().min(1).max(3_000_000),
        /** auto: strict UTF-8 (with or without BOM), else GBK (Excel in China saves GBK). */
        encoding: z.enum(['auto', 'utf-8', 'gbk']).default('auto'),
        fileName: z.string().max(200).optional(),
        /**
         * merge (default): add and update the units in the file, leave the others.
         * replace: the file is the whole register — units of the community missing from it are
         * retired (kept for references, no longer counted or offered for joining).
         */
        mode: z.enum(['merge', 'replace']).default('merge'),
      })
      .strict(),
    output: z.object({
      importId: z.string(),
      fileHash: z.string(),
      encoding: z.enum(['utf-8', 'gbk']),
      alreadyImported: z.boolean(),
      counts: z.object({ rows: z.number(), units: z.number(), buildings: z.number(), parties: z.number(), parking: z.number(), developerHeld: z.number(), retired: z.number() }),
      warnings: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
    }),
    access: { capability: 'roster.import', community: (i) => i.communityId },
    purpose: 'owner_roster',
  }),
  publish: defineAction({
    summary: 'The roster for objections (R2.2): unit label and area per unit, plus headcount (owner parties with a delivered sold unit, +1 developer) and total area (parking excluded when the community says so, R2.3).',
    input: z.object({ communityId: ids.community }).strict(),
    output: z.object({
      communityId: z.string(),
      excludeParkingFromArea: z.boolean(),
      units: z.array(z.object({ unitId: z.string(), label: z.string(), area: z.number(), isParking: z.boolean(), counted: z.boolean() })),
      totals: z.object({ headcount: z.number(), area: z.number(), areaText: z.string(), ownerParties: z.number(), developerCounted: z.boolean(), units: z.number() }),
    }),
    access: { capability: 'roster.publish', community: (i) => i.communityId },
    purpose: 'owner_roster',
  }),
})
