/**
 * The tcb admin protocol's database actions, answered in the shapes @cloudbase/database reads
 * (see its src/document.ts, query.ts, aggregate.ts, transaction/index.ts). Errors are returned as
 * `{ code, message, requestId }` with HTTP 200, which is how the SDK expects the service to fail.
 */
import { decodeWire, encodeWire } from './ejson'
import { Store, StoreError } from './store'
import { TransactionManager } from './transactions'

export type TcbParams = Record<string, unknown>
export type TcbAnswer = Record<string, unknown>

/** The cloud caps a query at 1000 documents; the SDK sends 100 when no limit is set. */
export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100

function requireString(params: TcbParams, name: string): string {
  const v = params[name]
  if (typeof v !== 'string' || !v) throw new StoreError('INVALID_PARAM', `${name} is required`)
  return v
}

function docIdOf(query: unknown): string {
  const id = (query as { _id?: unknown } | undefined)?._id
  if (typeof id !== 'string') throw new StoreError('INVALID_PARAM', 'document operation without _id')
  return id
}

export class DatabaseService {
  constructor(
    readonly store: Store,
    readonly txns: TransactionManager,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  handle(action: string, params: TcbParams): TcbAnswer {
    const now = this.clock()
    const decode = (v: unknown) => (typeof v === 'string' ? decodeWire(v, now) : v)
    const txnId = typeof params.transactionId === 'string' && params.transactionId ? params.transactionId : undefined
    const single = params.queryType === 'DOC'
    if (txnId && !single && action !== 'database.insertDocument' && !action.endsWith('Transaction')) {
      throw new StoreError(
        'DATABASE_REQUEST_FAILED',
        'transactions support single-document operations only (doc().get/set/update/remove and add)',
      )
    }

    switch (action) {
      case 'database.getDocument': {
        const coll = requireString(params, 'collectionName')
        const query = (decode(params.query) ?? {}) as Record<string, unknown>
        const projection = decode(params.projection) as Record<string, unknown> | undefined
        if (txnId) {
          const doc = this.txns.read(txnId, coll, docIdOf(query))
          return { data: { list: doc ? [encodeWire(doc)] : [] } }
        }
        const requested = typeof params.limit === 'number' ? params.limit : DEFAULT_LIMIT
        const limit = Math.max(0, Math.min(requested, MAX_LIMIT))
        const offset = typeof params.offset === 'number' ? params.offset : 0
        const order = decode(params.order) as Record<string, 1 | -1> | undefined
        const docs = this.store.find(coll, query, { order, offset, limit, projection })
        return { data: { list: docs.map(encodeWire), offset, limit } }
      }
      case 'database.calculateDocument': {
        const coll = requireString(params, 'collectionName')
        const query = (decode(params.query) ?? {}) as Record<string, unknown>
        return { data: { total: this.store.count(coll, query) } }
      }
      case 'database.insertDocument': {
        const coll = requireString(params, 'collectionName')
        const raw = Array.isArray(params.data) ? params.data : [params.data]
        const docs = raw.map((d) => decode(d) as Record<string, unknown>)
        if (txnId) return { data: { insertedIds: docs.map((d) => this.txns.insert(txnId, coll, d)) } }
        const ids = this.store.atomically(() => docs.map((d) => this.store.insert(coll, d)))
        return { data: { insertedIds: ids } }
      }
      case 'database.modifyDocument': {
        const coll = requireString(params, 'collectionName')
        const query = (decode(params.query) ?? {}) as Record<string, unknown>
        const data = (decode(params.data) ?? {}) as Record<string, unknown>
        const merge = params.merge !== false
        const upsert = params.upsert === true
        if (txnId) {
          const r = this.txns.modify(txnId, coll, docIdOf(query), data, merge, upsert)
          return { data: { updated: r.updated, upsert_id: r.upsertId } }
        }
        const multi = single ? false : params.multi !== false
        const r = this.store.updateWhere(coll, query, data, { multi, merge, upsert })
        return { data: { updated: r.updated, upsert_id: r.upsertId } }
      }
      case 'database.removeDocument': {
        const coll = requireString(params, 'collectionName')
        const query = (decode(params.query) ?? {}) as Record<string, unknown>
        if (txnId) return { data: { deleted: this.txns.remove(txnId, coll, docIdOf(query)) } }
        const multi = single ? false : params.multi !== false
        return { data: { deleted: this.store.removeWhere(coll, query, multi) } }
      }
      case 'database.aggregateDocuments': {
        const coll = requireString(params, 'collectionName')
        const stages = (params.stages ?? []) as { stageKey: string; stageValue: string }[]
        const pipeline = stages.map((s) => ({ [s.stageKey]: decode(s.stageValue) }))
        return { data: { list: this.store.aggregate(coll, pipeline).map(encodeWire) } }
      }
      case 'database.addCollection': {
        const coll = requireString(params, 'collectionName')
        if (this.store.hasCollection(coll)) {
          throw new StoreError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${coll} already exists`)
        }
        this.store.createCollection(coll)
        return {}
      }
      case 'database.startTransaction':
        return { transactionId: this.txns.start() }
      case 'database.commitTransaction':
        this.txns.commit(requireString(params, 'transactionId'))
        return {}
      case 'database.abortTransaction':
        this.txns.abort(requireString(params, 'transactionId'))
        return {}
      default:
        throw new StoreError('INVALID_PARAM', `unsupported action ${action}`)
    }
  }
}
