/**
 * roster: import the owner register (validate everything, then write in batches) and publish the
 * roster with headcount and area (R2.1–R2.3). The import rests on a legal duty (owner_roster
 * purpose: Civil Code Art. 278 and the Interpretation), not consent; ID numbers are hashed inside
 * validation and never stored (R4.2).
 */
import { createFunction } from '../_core/router'
import { _, db } from '../_core/cloud'
import { findAll, findPage, getDoc, isDuplicateKey } from '../_core/data'
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
/**
 * The largest file one call imports within the function's 60-s timeout (config.json), with a wide
 * margin for a loaded machine or a slow cloud: measured ~N rows/s (docs/decisions.md, issue #9
 * §7.10). Larger registers are imported building by building in merge mode.
 */
export const MAX_IMPORT_ROWS = 10_000
/** Documents per insert call: the SDK sends them in one request (insertDocument takes a list). */
const INSERT_BATCH = 200
/** Insert calls in flight at once. */
const PARALLEL = 4
/** Per-document writes in flight at once (existing documents, the slow path). */
const SET_PARALLEL = 20
/**
 * Stop writing well before the 60-s timeout and say so, rather than be cut off unseen: what is
 * written is either hidden (new documents, until the commit) or the file's own values (updated
 * documents), and sending the same file again skips what is already there and continues.
 */
const WRITE_BUDGET_MS = 40_000

function checkBudget(deadline: number): void {
  if (Date.now() > deadline) {
    throw new AppError('CONFLICT', '名册较大，本次只导入了一部分（尚未生效）。请再次导入同一文件，将从中断处继续', { resumable: true })
  }
}

type Staged = { _id: string } & Record<string, unknown>

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn))
}

/** Fields that only record where a value came from: a re-import with the same values skips the write. */
const PROVENANCE = new Set(['areaDocRef'])

/** Visible and equal to the plan in everything but provenance (a retired unit is not equal: it comes back). */
function sameContent(existing: Staged, planned: Staged): boolean {
  if (existing.stagedBy) return false
  const keys = new Set([...Object.keys(existing), ...Object.keys(planned)].filter((k) => k !== '_id' && !PROVENANCE.has(k)))
  return [...keys].every((k) => JSON.stringify(existing[k]) === JSON.stringify(planned[k]))
}

/**
 * Write the plan's documents (issue #9 §7.10). New documents go in batches of INSERT_BATCH per
 * call, marked `stagedBy: importId` — invisible until the import commits (staged units are also
 * `retired`, which every query for joinable or counted units already excludes; staged buildings
 * are filtered where buildings are offered). A batch that meets existing documents reads them in
 * one query: the new ones are inserted staged in one call, changed ones are updated in place,
 * unchanged ones are skipped (deterministic ids: a retry converges on the same state). A call
 * that dies half-way therefore leaves nothing new visible, and the same file imported again
 * resumes and commits.
 */
async function writeStaged(collection: string, docs: Staged[], importId: string, hide: Record<string, unknown>, deadline: number): Promise<void> {
  const staged = (d: Staged) => ({ ...d, ...hide, stagedBy: importId })
  const batches: Staged[][] = []
  for (let i = 0; i < docs.length; i += INSERT_BATCH) batches.push(docs.slice(i, i + INSERT_BATCH))
  await inParallel(batches, PARALLEL, async (batch) => {
    checkBudget(deadline)
    try {
      await db.collection(collection).add({ data: batch.map(staged) })
      return
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
    }
    const existing = new Map<string, Staged>()
    for (let i = 0; i < batch.length; i += 100) {
      const found = await findPage<Staged>(collection, { _id: _.in(batch.slice(i, i + 100).map((d) => d._id)) }, { limit: 100 })
      for (const d of found) existing.set(d._id, d)
    }
    const fresh = batch.filter((d) => !existing.has(d._id))
    if (fresh.length) await db.collection(collection).add({ data: fresh.map(staged) })
    const changed = batch.filter((d) => existing.has(d._id) && !sameContent(existing.get(d._id)!, d))
    await inParallel(changed, SET_PARALLEL, async ({ _id, ...data }) => {
      checkBudget(deadline)
      // Staged by an earlier, unfinished attempt (this file or another): stays hidden, now until this import commits.
      const stillStaged = existing.get(_id)!.stagedBy ? { ...hide, stagedBy: importId } : {}
      await db.collection(collection).doc(_id).set({ data: { ...data, ...stillStaged } })
    })
  })
}

/**
 * Make this import's staged documents visible, one call per collection: parties, then units, then
 * buildings — a building people can pick always has its units. Leftovers of another file's
 * unfinished import stay hidden.
 */
async function commitStaged(communityId: string, importId: string): Promise<void> {
  for (const collection of ['owner_parties', 'units', 'buildings']) {
    const data: Record<string, unknown> = { stagedBy: _.remove() }
    if (collection === 'units') data.retired = _.remove()
    await db.collection(collection).where({ communityId, stagedBy: importId }).update({ data })
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
    if (result.rows.length > MAX_IMPORT_ROWS) {
      throw new AppError('ROSTER_INVALID', `名册有${result.rows.length}行，超过单次导入上限${MAX_IMPORT_ROWS}行。请按楼栋拆成几个文件，用“合并”方式分批导入`, {
        errors: [{ line: 1, field: '文件', message: `超过单次导入上限${MAX_IMPORT_ROWS}行，未导入任何数据` }],
        errorCount: 1,
        warnings: [],
        maxRows: MAX_IMPORT_ROWS,
      })
    }
    const importId = `ri_${communityId}_${mode}_${fileHash.slice(0, 24)}`
    const previous = await getDoc<Staged>('roster_imports', importId)
    // The same file as the community's latest import: nothing to write. (An older file imported
    // again after another one is written again: it is the register now.)
    const latest = (await findPage<Staged>('roster_imports', { communityId }, { orderBy: [['importedAt', 'desc']], limit: 1 }))[0]
    const unchanged = Boolean(previous) && latest?._id === importId
    const plan = planRoster(communityId, result.rows, fileHash)
    let retired = 0
    if (!unchanged) {
      if (plan.needsDeveloper && !(await getDoc<OwnerPartyDoc>('owner_parties', developerPartyId(communityId)))) {
        plan.parties.push({ _id: developerPartyId(communityId), communityId, kind: 'DEVELOPER', holderKey: 'developer', holders: [] })
      }
      const deadline = ctx.now.getTime() + WRITE_BUDGET_MS
      await writeStaged('buildings', plan.buildings as unknown as Staged[], importId, {}, deadline)
      await writeStaged('owner_parties', plan.parties as unknown as Staged[], importId, {}, deadline)
      await writeStaged('units', plan.units as unknown as Staged[], importId, { retired: true }, deadline)
      await commitStaged(communityId, importId)
      retired = mode === 'replace' ? await retireMissing(communityId, new Set(plan.units.map((u) => u._id)), ctx.now) : 0
    }

    const counts = {
      rows: result.rows.length,
      units: plan.units.length,
      buildings: plan.buildings.length,
      parties: plan.parties.filter((p) => p.kind === 'PERSON').length,
      parking: plan.units.filter((u) => u.isParking).length,
      developerHeld: plan.units.filter((u) => u.developerHeld).length,
      retired,
    }
    // Written last: its presence means the whole file landed (the same file again changes nothing).
    let alreadyImported = Boolean(previous)
    if (previous && !unchanged) await db.collection('roster_imports').doc(importId).update({ data: { importedAt: ctx.now, importedBy: ctx.openid } })
    if (!previous) {
      try {
        await db.collection('roster_imports').add({
          data: { _id: importId, communityId, fileHash, fileName: fileName ?? null, encoding: decoded.encoding, counts, importedBy: ctx.openid, importedAt: ctx.now },
        })
      } catch (e) {
        if (!isDuplicateKey(e)) throw e
        alreadyImported = true
      }
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
