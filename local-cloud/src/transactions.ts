/**
 * Transactions with snapshot-isolation conflict detection, as the WeChat cloud documents them
 * (domain-rules.md §5.5): single-document operations only, and a transaction that writes a
 * document changed since it began fails with DATABASE_TRANSACTION_CONFLICT — the one code that
 * makes the SDK's runTransaction retry (@cloudbase/database/src/transaction/index.ts).
 *
 * Writes are buffered in the transaction and applied atomically at commit (first committer
 * wins). Where the cloud reports a conflict at the conflicting write, we report it at commit:
 * the SDK drops the error code of a failed in-transaction doc operation (wx-server-sdk's
 * checkError turns it into errCode -501001), so only a conflict at commit is retried by
 * runTransaction — with the unmodified SDK, reporting at commit is what makes retries happen.
 * A read of a document changed since the transaction began cannot return the old snapshot
 * (we keep no versions), so it returns the current value and dooms the transaction: its commit
 * fails with the conflict code, and runTransaction retries it on fresh data.
 */
import { randomBytes } from 'node:crypto'
import { applyModification, newDocId, Store, StoreError, type Doc } from './store'

type Write = { coll: string; id: string; op: 'put'; doc: Doc; insert: boolean } | { coll: string; id: string; op: 'delete' }

interface Txn {
  id: string
  startRev: number
  writes: Map<string, Write>
  /** Revision seen by each committed read (0 = absent); re-checked at commit. */
  reads: Map<string, { coll: string; id: string; rev: number }>
  doomed: boolean
  lastUsed: number
}

/** Abandoned transactions (a crashed function) are dropped after this long without use. */
const TXN_IDLE_MS = 30_000

const key = (coll: string, id: string) => `${coll}\u0000${id}`

export const CONFLICT = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'database transaction conflict' } as const

export class TransactionManager {
  private readonly txns = new Map<string, Txn>()
  stats = { started: 0, committed: 0, conflicts: 0 }

  constructor(private readonly store: Store) {}

  start(): string {
    this.sweep()
    const id = randomBytes(12).toString('hex')
    this.txns.set(id, { id, startRev: this.store.revision, writes: new Map(), reads: new Map(), doomed: false, lastUsed: Date.now() })
    this.stats.started++
    return id
  }

  private get(id: string): Txn {
    const t = this.txns.get(id)
    if (!t) throw new StoreError('DATABASE_REQUEST_FAILED', `transaction ${id} not found or expired`)
    t.lastUsed = Date.now()
    return t
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, t] of this.txns) if (now - t.lastUsed > TXN_IDLE_MS) this.txns.delete(id)
  }

  /** The transaction's view of one document: its own buffered write, else the committed one. */
  read(txnId: string, coll: string, id: string): Doc | null {
    const t = this.get(txnId)
    const w = t.writes.get(key(coll, id))
    if (w) return w.op === 'put' ? structuredClone(w.doc) : null
    const committed = this.store.getById(coll, id)
    if (committed && committed.rev > t.startRev) t.doomed = true
    if (!t.reads.has(key(coll, id))) t.reads.set(key(coll, id), { coll, id, rev: committed?.rev ?? 0 })
    return committed ? committed.doc : null
  }

  insert(txnId: string, coll: string, data: Record<string, unknown>): string {
    const t = this.get(txnId)
    const id = typeof data._id === 'string' && data._id ? data._id : newDocId()
    const w = t.writes.get(key(coll, id))
    const committed = w ? null : this.store.getById(coll, id)
    if ((w && w.op === 'put') || (committed && committed.rev <= t.startRev)) {
      throw new StoreError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll} dup key: { _id: "${id}" }`)
    }
    // Created by another writer after this transaction began: a conflict, reported at commit.
    if (committed) t.doomed = true
    t.writes.set(key(coll, id), { coll, id, op: 'put', doc: { ...data, _id: id } as Doc, insert: true })
    return id
  }

  modify(txnId: string, coll: string, id: string, data: Record<string, unknown>, merge: boolean, upsert: boolean): { updated: number; upsertId?: string } {
    const t = this.get(txnId)
    const current = this.read(txnId, coll, id)
    if (!current && !upsert) return { updated: 0 }
    const base = current ?? ({ _id: id } as Doc)
    const next = applyModification(base, data, merge)
    const prev = t.writes.get(key(coll, id))
    const insert = !current || (prev?.op === 'put' && prev.insert)
    t.writes.set(key(coll, id), { coll, id, op: 'put', doc: next.doc, insert })
    return current ? { updated: next.changed ? 1 : 0 } : { updated: 0, upsertId: id }
  }

  remove(txnId: string, coll: string, id: string): number {
    const t = this.get(txnId)
    const current = this.read(txnId, coll, id)
    if (!current) return 0
    t.writes.set(key(coll, id), { coll, id, op: 'delete' })
    return 1
  }

  /** Apply all buffered writes atomically, or fail with the conflict code if anything moved. */
  commit(txnId: string): void {
    const t = this.get(txnId)
    this.txns.delete(txnId)
    const conflict = () => {
      this.stats.conflicts++
      return new StoreError(CONFLICT.code, CONFLICT.message)
    }
    if (t.doomed) throw conflict()
    this.store.atomically(() => {
      for (const r of t.reads.values()) {
        if ((this.store.getById(r.coll, r.id)?.rev ?? 0) !== r.rev) throw conflict()
      }
      for (const w of t.writes.values()) {
        const committed = this.store.getById(w.coll, w.id)
        if (committed && committed.rev > t.startRev) throw conflict()
        if (w.op === 'put' && w.insert && committed) throw conflict()
      }
      for (const w of t.writes.values()) {
        if (w.op === 'put') this.store.put(w.coll, w.doc, 'replace')
        else this.store.delete(w.coll, w.id)
      }
    })
    this.stats.committed++
  }

  abort(txnId: string): void {
    this.txns.delete(txnId)
  }
}
