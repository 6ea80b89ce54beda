/**
 * roster: import the owner register (validate everything, then write in batches) and publish the
 * roster with headcount and area (R2.1–R2.3). The import rests on a legal duty (owner_roster
 * purpose: Civil Code Art. 278 and the Interpretation), not consent; ID numbers are hashed inside
 * validation and never stored (R4.2).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, getDoc, isDuplicateKey } from '../_core/data'
import { audit } from '../_core/audit'
import { hashIdNumber, sha256Hex } from '../_core/id-hash'
import { rosterContract } from '../../domain/roster/contract'
import { validateRoster } from '../../domain/roster/validate'
import { tallyRoster, unitCounts } from '../../domain/roster/tally'
import { formatArea, unitLabel, type BuildingDoc, type CommunityDoc, type OwnerPartyDoc, type UnitDoc } from '../../domain/community/model'
import { AppError } from '../../domain/shared/errors'
import { decodeCsv } from './decode'
import { developerPartyId, planRoster } from './plan'

const MAX_REPORTED_ERRORS = 200
const BATCH = 20

/**
 * Upserts in parallel batches. Not one transaction: a community's roster is hundreds to thousands
 * of documents, beyond what a cloud transaction should hold (R5.12); the deterministic ids make a
 * retry after a partial failure converge to the same state.
 */
async function upsertAll(collection: string, docs: { _id: string }[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await Promise.all(
      docs.slice(i, i + BATCH).map(({ _id, ...data }) => db.collection(collection).doc(_id).set({ data })),
    )
  }
}

/**
 * A replace import: the community's units that the file no longer lists leave the register. They
 * are marked, not deleted — memberships and past tallies still point at them.
 */
async function retireMissing(communityId: string, keep: Set<string>, now: Date): Promise<number> {
  const active = await findAll<UnitDoc>('units', { communityId, retired: _.neq(true) }, { max: 50_000 })
  const gone = active.map((u) => u._id).filter((id) => !keep.has(id))
  for (let i = 0; i < gone.length; i += 100) {
    await db.collection('units').where({ _id: _.in(gone.slice(i, i + 100)) }).update({ data: { retired: true, retiredAt: now } })
  }
  return gone.length
}

export const main = createFunction(rosterContract, {
  async import({ communityId, csvBase64, encoding, fileName, mode }, ctx) {
    const community = await getDoc<CommunityDoc>('communities', communityId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到该社区', { communityId })
    const decoded = decodeCsv(csvBase64, encoding)
    const fileHash = sha256Hex(decoded.bytes)
    const result = validateRoster(decoded.text, hashIdNumber)
    if (!result.ok) {
      // The whole file or nothing: a half-imported register would miscount headcount and area.
      throw new AppError('ROSTER_INVALID', `名册有${result.errors.length}处错误，未导入任何数据`, {
        errors: result.errors.slice(0, MAX_REPORTED_ERRORS),
        errorCount: result.errors.length,
        warnings: result.warnings.slice(0, MAX_REPORTED_ERRORS),
      })
    }
    const plan = planRoster(communityId, result.rows, fileHash)
    if (plan.needsDeveloper && !(await getDoc<OwnerPartyDoc>('owner_parties', developerPartyId(communityId)))) {
      plan.parties.push({ _id: developerPartyId(communityId), communityId, kind: 'DEVELOPER', holderKey: 'developer', holders: [] })
    }
    await upsertAll('buildings', plan.buildings)
    await upsertAll('owner_parties', plan.parties)
    await upsertAll('units', plan.units)
    const retired = mode === 'replace' ? await retireMissing(communityId, new Set(plan.units.map((u) => u._id)), ctx.now) : 0

    const counts = {
      rows: result.rows.length,
      units: plan.units.length,
      buildings: plan.buildings.length,
      parties: plan.parties.filter((p) => p.kind === 'PERSON').length,
      parking: plan.units.filter((u) => u.isParking).length,
      developerHeld: plan.units.filter((u) => u.developerHeld).length,
      retired,
    }
    // Written last: its presence means the whole file landed.
    const importId = `ri_${communityId}_${mode}_${fileHash.slice(0, 24)}`
    let alreadyImported = false
    try {
      await db.collection('roster_imports').add({
        data: { _id: importId, communityId, fileHash, fileName: fileName ?? null, encoding: decoded.encoding, counts, importedBy: ctx.openid, importedAt: ctx.now },
      })
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      alreadyImported = true
    }
    await audit(ctx, { communityId, event: 'roster.imported', target: importId, details: { fileHash, counts, alreadyImported } })
    return { importId, fileHash, encoding: decoded.encoding, alreadyImported, counts, warnings: result.warnings.slice(0, MAX_REPORTED_ERRORS) }
  },

  async publish({ communityId }, ctx) {
    const community = await getDoc<CommunityDoc>('communities', communityId)
    if (!community) throw new AppError('NOT_FOUND', '没有找到该社区', { communityId })
    const [units, buildings] = await Promise.all([
      findAll<UnitDoc>('units', { communityId, retired: _.neq(true) }, { max: 50_000 }),
      findAll<BuildingDoc>('buildings', { communityId }, { max: 2000 }),
    ])
    const settings = community.settings ?? { excludeParkingFromArea: true }
    const tally = tallyRoster(units, settings)
    const bName = new Map(buildings.map((b) => [b._id, b.name]))
    const order = new Map(buildings.map((b) => [b._id, b.order]))
    units.sort((a, b) => (order.get(a.buildingId) ?? 0) - (order.get(b.buildingId) ?? 0) || a.number.localeCompare(b.number))
    await audit(ctx, { communityId, event: 'roster.published', details: { headcount: tally.headcount, area: tally.area } })
    return {
      communityId,
      excludeParkingFromArea: settings.excludeParkingFromArea,
      // R2.2 publication for objections: unit and area only here; owner identity stays masked/offline.
      units: units.map((u) => ({ unitId: u._id, label: unitLabel(bName.get(u.buildingId) ?? '', u.number), area: u.area, isParking: u.isParking, counted: unitCounts(u, settings) })),
      totals: {
        headcount: tally.headcount,
        area: tally.area,
        areaText: formatArea(tally.area),
        ownerParties: tally.ownerParties,
        developerCounted: tally.developerCounted,
        units: tally.countedUnits,
      },
    }
  },
})
