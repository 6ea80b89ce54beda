/**
 * Document storage for the local cloud: one SQLite table per collection (better-sqlite3, WAL when
 * file-backed), documents as JSON text, MongoDB query/update/aggregate semantics from mingo.
 *
 * Indexes declared in database/collections.json become SQLite expression indexes on
 * the field's value (a Date's milliseconds, see indexValue). A query whose top-level equality/$in
 * conditions cover the leading field(s) of an index, optionally followed by a range on the next
 * one, is pre-filtered through that index; mingo then evaluates the whole query on the candidates,
 * so the index can only narrow, never change, the result. A page ordered by index fields is read
 * in order and stops once full (findPaged). Declared index fields
 * must hold scalars (a string/number/boolean), as in the cloud console's single-field indexes;
 * a write that puts an array or object there is reported in the log.
 *
 * Every document carries a revision (`rev`), the value of a global commit counter at its last
 * write; transactions use it to detect that a document changed since they began.
 */
import Database from 'better-sqlite3'
import { Query, Aggregator, update as mingoUpdate } from 'mingo'
import { randomBytes } from 'node:crypto'
import { fromStored, toStored } from './ejson'

export interface IndexDecl {
  name: string
  fields: string[]
  unique?: boolean
}
export interface CollectionDecl {
  name: string
  permission?: string
  indexes: IndexDecl[]
}

export type Doc = Record<string, unknown> & { _id: string }

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface StoreLogger {
  warn(message: string): void
}

/** Scans above this many documents without an index are reported (issue #2). */
export const SCAN_WARNING_THRESHOLD = 3000

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

export function newDocId(): string {
  // The cloud's generated _id is 32 lowercase hex characters.
  return randomBytes(16).toString('hex')
}

function tableName(coll: string): string {
  return `c_${coll.replace(/-/g, '__')}`
}

function jsonPath(field: string): string {
  return `'$.${field}'`
}

/**
 * The SQL value an index holds for a field: the scalar itself, or for a Date (stored as
 * {"$date": ms}) its milliseconds, so that ranges and ordering over dates can use the index.
 * Queries must use this same expression for SQLite to pick the expression index.
 */
function indexValue(field: string): string {
  return `coalesce(json_extract(data, '$.${field}."$date"'), json_extract(data, ${jsonPath(field)}))`
}

/** Index names carry the expression's version: a store file from before dates were indexed by ms is re-indexed. */
const INDEX_PREFIX = 'ixv2'

function sqlValue(v: unknown): string | number | null | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'boolean') return v ? 1 : 0
  return undefined
}

type Bound = { v: string | number; incl: boolean }
/** A necessary range for a field's index value: every matching document lies inside it. */
interface Range {
  lo?: Bound
  hi?: Bound
}

/** A comparable bound value: numbers, strings, Dates as ms; anything else cannot bound a range. */
function boundValue(v: unknown): string | number | undefined {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.getTime() : undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return v
  return undefined
}

const sameType = (a: Bound, b: Bound) => typeof a.v === typeof b.v
/** The tighter (intersection) or looser (union) of two lower/upper bounds; undefined when not comparable. */
function pick(a: Bound | undefined, b: Bound | undefined, side: 'lo' | 'hi', mode: 'and' | 'or'): Bound | undefined {
  if (!a || !b) return mode === 'and' ? a ?? b : undefined
  if (!sameType(a, b)) return mode === 'and' ? a : undefined
  if (a.v === b.v) return { v: a.v, incl: mode === 'and' ? a.incl && b.incl : a.incl || b.incl }
  const aFirst = a.v < b.v
  // Intersection keeps the larger lower bound and the smaller upper bound; union the opposite.
  const takeA = (side === 'lo') === (mode === 'and') ? !aFirst : aFirst
  return takeA ? a : b
}
function combine(a: Range, b: Range, mode: 'and' | 'or'): Range {
  const out: Range = {}
  const lo = pick(a.lo, b.lo, 'lo', mode)
  const hi = pick(a.hi, b.hi, 'hi', mode)
  if (lo) out.lo = lo
  if (hi) out.hi = hi
  return out
}

/** The range one condition puts on a field, if it puts one (equality is the range [v, v]). */
function conditionRange(cond: unknown): Range | undefined {
  const eq = boundValue(cond)
  if (eq !== undefined) return { lo: { v: eq, incl: true }, hi: { v: eq, incl: true } }
  if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof RegExp) return undefined
  const ops = cond as Record<string, unknown>
  let r: Range | undefined
  const add = (x: Range) => (r = r ? combine(r, x, 'and') : x)
  if ('$eq' in ops && boundValue(ops.$eq) !== undefined) add({ lo: { v: boundValue(ops.$eq)!, incl: true }, hi: { v: boundValue(ops.$eq)!, incl: true } })
  for (const [op, side, incl] of [['$gt', 'lo', false], ['$gte', 'lo', true], ['$lt', 'hi', false], ['$lte', 'hi', true]] as const) {
    const v = boundValue(ops[op])
    if (v !== undefined) add({ [side]: { v, incl } })
  }
  return r
}

/**
 * Necessary ranges per field of a query: top-level and $and conditions intersect; an $or gives a
 * field a range only when every branch bounds it (the union of the branches' ranges). The cursor
 * form `$or: [{at: {$gt: t}}, {at: t, _id: {$gt: id}}]` thus reads as `at >= t`.
 */
function rangeConstraints(query: unknown): Map<string, Range> {
  const out = new Map<string, Range>()
  if (!query || typeof query !== 'object' || Array.isArray(query)) return out
  const merge = (f: string, r: Range) => out.set(f, out.has(f) ? combine(out.get(f)!, r, 'and') : r)
  for (const [key, cond] of Object.entries(query as Record<string, unknown>)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const part of cond) for (const [f, r] of rangeConstraints(part)) merge(f, r)
    } else if (key === '$or' && Array.isArray(cond) && cond.length > 0) {
      const branches = cond.map((b) => rangeConstraints(b))
      for (const [f, first] of branches[0]) {
        let u: Range | undefined = first
        for (const b of branches.slice(1)) {
          if (!u) break
          u = b.has(f) ? combine(u, b.get(f)!, 'or') : undefined
        }
        if (u && (u.lo || u.hi)) merge(f, u)
      }
    } else if (!key.startsWith('$')) {
      const r = conditionRange(cond)
      if (r && (r.lo || r.hi)) merge(key, r)
    }
  }
  return out
}

/** The _id values a query is limited to, when it is (equality or $in of strings). */
function idsOf(query: unknown): string[] | null {
  const ids = equalityConstraints(query).get('_id')
  return ids && ids.every((v) => typeof v === 'string') ? (ids as string[]) : null
}

/** Top-level equality-ish constraints of a query: field → allowed scalar values. */
function equalityConstraints(query: unknown, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return out
  for (const [key, cond] of Object.entries(query as Record<string, unknown>)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const part of cond) equalityConstraints(part, out)
      continue
    }
    if (key.startsWith('$')) continue
    let values: unknown[] | undefined
    if (sqlValue(cond) !== undefined) values = [cond]
    else if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !(cond instanceof RegExp)) {
      const ops = cond as Record<string, unknown>
      if ('$eq' in ops && sqlValue(ops.$eq) !== undefined) values = [ops.$eq]
      else if (Array.isArray(ops.$in) && ops.$in.length > 0 && ops.$in.every((x) => sqlValue(x) !== undefined)) values = ops.$in
    }
    if (values && !out.has(key)) out.set(key, values)
  }
  return out
}

interface Row {
  id: string
  rev: number
  data: string
}

export class Store {
  readonly db: Database.Database
  private readonly decls = new Map<string, CollectionDecl>()
  private seq = 0
  private readonly logger: StoreLogger

  constructor(opts: { file?: string; logger?: StoreLogger } = {}) {
    this.db = new Database(opts.file ?? ':memory:')
    if (opts.file && opts.file !== ':memory:') {
      this.db.pragma('journal_mode = WAL')
      // FULL: an acknowledged write survives kill -9 and power loss (the crash test relies on it).
      this.db.pragma('synchronous = FULL')
    }
    this.logger = opts.logger ?? { warn: (m) => console.warn(m) }
    this.db.exec('CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, decl TEXT NOT NULL)')
    for (const row of this.db.prepare('SELECT name, decl FROM _collections').all() as { name: string; decl: string }[]) {
      this.decls.set(row.name, JSON.parse(row.decl))
      const max = this.db.prepare(`SELECT max(rev) AS m FROM ${tableName(row.name)}`).get() as { m: number | null }
      this.seq = Math.max(this.seq, max.m ?? 0)
    }
  }

  close(): void {
    this.db.close()
  }

  /** Create declared collections and indexes that do not exist yet (idempotent). */
  declare(decls: CollectionDecl[]): void {
    for (const decl of decls) this.createCollection(decl.name, decl.indexes)
  }

  hasCollection(name: string): boolean {
    return this.decls.has(name)
  }

  listCollections(): string[] {
    return [...this.decls.keys()]
  }

  createCollection(name: string, indexes: IndexDecl[] = []): boolean {
    if (!COLLECTION_NAME.test(name)) throw new StoreError('INVALID_PARAM', `invalid collection name ${name}`)
    const existed = this.decls.has(name)
    const t = tableName(name)
    const merged: CollectionDecl = { name, indexes: [...(this.decls.get(name)?.indexes ?? [])] }
    for (const ix of indexes) if (!merged.indexes.some((i) => i.name === ix.name)) merged.indexes.push(ix)
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, data TEXT NOT NULL)`)
      for (const ix of merged.indexes) {
        for (const f of ix.fields) if (!FIELD_PATH.test(f)) throw new StoreError('INVALID_PARAM', `invalid index field ${f}`)
        const cols = ix.fields.map((f) => indexValue(f)).join(', ')
        this.db.exec(`DROP INDEX IF EXISTS ix_${t}_${ix.name}`)
        this.db.exec(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${INDEX_PREFIX}_${t}_${ix.name} ON ${t} (${cols})`)
      }
      this.db.prepare('INSERT OR REPLACE INTO _collections (name, decl) VALUES (?, ?)').run(name, JSON.stringify(merged))
    })()
    this.decls.set(name, merged)
    return !existed
  }

  private requireCollection(name: string): string {
    if (!this.decls.has(name)) {
      throw new StoreError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}. [ResourceNotFound] collection not exists`)
    }
    return tableName(name)
  }

  /** The current value of the commit counter. */
  get revision(): number {
    return this.seq
  }

  nextRevision(): number {
    return ++this.seq
  }

  /** Rows read from SQLite to answer queries (tests and the benchmark watch it). */
  stats = { rowsRead: 0 }

  /** Candidate rows for a query: by primary key for _id equality/$in, else by the best declared index. */
  private candidates(coll: string, query: unknown): Row[] {
    const rows = this.candidateRows(coll, query)
    this.stats.rowsRead += rows.length
    return rows
  }

  private candidateRows(coll: string, query: unknown): Row[] {
    const t = this.requireCollection(coll)
    const byId = this.rowsById(t, query)
    if (byId) return byId
    const plan = this.indexPlan(coll, query)
    if (!plan) {
      const rows = this.db.prepare(`SELECT id, rev, data FROM ${t} ORDER BY rowid`).all() as Row[]
      if (rows.length > SCAN_WARNING_THRESHOLD) {
        this.logger.warn(
          `[local-cloud] full scan of ${rows.length} documents in "${coll}" without an index for filter ${JSON.stringify(query)} — declare one in database/collections.json`,
        )
      }
      return rows
    }
    return this.db.prepare(`SELECT id, rev, data FROM ${t} WHERE ${plan.where} ORDER BY rowid`).all(...plan.params) as Row[]
  }

  /** _id is the table's primary key (issue #9, item 5): doc(id).get/update/set/remove and every transaction read arrive as {_id: id}. */
  private rowsById(t: string, query: unknown): Row[] | null {
    const ids = idsOf(query)
    if (!ids) return null
    const unique = [...new Set(ids)]
    const out: (Row & { r: number })[] = []
    // Chunks stay below SQLite's bound-parameter limit for long $in lists; rowid keeps the
    // natural (insertion) order a scan would have given.
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      out.push(...(this.db.prepare(`SELECT rowid AS r, id, rev, data FROM ${t} WHERE id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as (Row & { r: number })[]))
    }
    return out.sort((a, b) => a.r - b.r)
  }

  /**
   * The best declared index for a query: its leading fields under equality/$in, then at most one
   * field under a range (dates by their ms). The SQL condition is necessary, never sufficient:
   * mingo still evaluates the whole query on what it lets through.
   */
  private indexPlan(coll: string, query: unknown): { where: string; params: (string | number)[] } | null {
    const equal = equalityConstraints(query)
    const ranges = rangeConstraints(query)
    let best: { eq: string[]; range?: string; score: number } | undefined
    for (const ix of this.decls.get(coll)!.indexes) {
      const eq: string[] = []
      let range: string | undefined
      for (const f of ix.fields) {
        if (equal.has(f)) {
          eq.push(f)
          continue
        }
        if (ranges.has(f)) range = f
        break
      }
      const score = eq.length * 2 + (range ? 1 : 0)
      if (score > 0 && (!best || score > best.score)) best = { eq, range, score }
    }
    if (!best) return null
    const where: string[] = []
    const params: (string | number)[] = []
    for (const f of best.eq) {
      const values = equal.get(f)!.map(sqlValue) as (string | number)[]
      where.push(`${indexValue(f)} IN (${values.map(() => '?').join(', ')})`)
      params.push(...values)
    }
    if (best.range) {
      const r = ranges.get(best.range)!
      if (r.lo) {
        where.push(`${indexValue(best.range)} ${r.lo.incl ? '>=' : '>'} ?`)
        params.push(r.lo.v)
      }
      if (r.hi) {
        where.push(`${indexValue(best.range)} ${r.hi.incl ? '<=' : '<'} ?`)
        params.push(r.hi.v)
      }
    }
    return { where: where.join(' AND '), params }
  }

  /**
   * SQL ordering equal to mingo's sort for `order`, or null when it cannot be pushed down: every
   * field must be _id or a declared index field (scalars or dates by convention, see the header);
   * rowid last keeps ties in insertion order, as mingo's stable sort over a rowid-ordered scan does.
   */
  private orderSql(coll: string, order: Record<string, 1 | -1> | undefined): string | null {
    const indexed = new Set((this.decls.get(coll)?.indexes ?? []).flatMap((ix) => ix.fields))
    const parts: string[] = []
    for (const [f, dir] of Object.entries(order ?? {})) {
      if (f !== '_id' && !indexed.has(f)) return null
      parts.push(`${f === '_id' ? 'id' : indexValue(f)} ${dir === -1 ? 'DESC' : 'ASC'}`)
    }
    parts.push('rowid ASC')
    return parts.join(', ')
  }

  /**
   * A page (limit set) whose order SQLite can give: rows are read in order and tested one by one,
   * stopping once offset + limit have matched — a page costs what it returns, not the collection.
   */
  private findPaged(coll: string, query: Record<string, unknown>, opts: FindOptions): Doc[] | null {
    if (opts.limit === undefined) return null
    const t = this.requireCollection(coll)
    // By-id reads (every doc().get) go through the primary key in find(); only decide, do not read.
    if (idsOf(query)) return null
    const orderBy = this.orderSql(coll, opts.order)
    if (!orderBy) return null
    const plan = this.indexPlan(coll, query)
    const sql = `SELECT id, rev, data FROM ${t}${plan ? ` WHERE ${plan.where}` : ''} ORDER BY ${orderBy}`
    const q = new Query(query)
    const want = (opts.offset ?? 0) + opts.limit
    const matched: Doc[] = []
    let read = 0
    if (want > 0) {
      for (const row of this.db.prepare(sql).iterate(...(plan?.params ?? [])) as IterableIterator<Row>) {
        read++
        const doc = fromStored(row.data) as Doc
        if (q.test(doc)) matched.push(doc)
        if (matched.length >= want) break
      }
    }
    this.stats.rowsRead += read
    if (!plan && read > SCAN_WARNING_THRESHOLD) {
      this.logger.warn(`[local-cloud] ordered scan of ${read} documents in "${coll}" without an index for filter ${JSON.stringify(query)} — declare one in database/collections.json`)
    }
    const page = matched.slice(opts.offset ?? 0)
    return opts.projection ? (new Query({}).find<Doc>(page, opts.projection as never).all() as Doc[]) : page
  }

  find(coll: string, query: Record<string, unknown> | undefined, opts: FindOptions = {}): Doc[] {
    const paged = this.findPaged(coll, query ?? {}, opts)
    if (paged) return paged
    const rows = this.candidates(coll, query ?? {})
    const docs = rows.map((r) => fromStored(r.data) as Doc)
    let cursor = new Query(query ?? {}).find<Doc>(docs, opts.projection as never)
    if (opts.order && Object.keys(opts.order).length > 0) cursor = cursor.sort(opts.order)
    if (opts.offset) cursor = cursor.skip(opts.offset)
    if (opts.limit !== undefined) cursor = cursor.limit(opts.limit)
    return cursor.all() as Doc[]
  }

  /** Matching documents with their revisions (no projection). */
  findWithRev(coll: string, query: Record<string, unknown> | undefined): { doc: Doc; rev: number }[] {
    const rows = this.candidates(coll, query ?? {})
    const q = new Query(query ?? {})
    const out: { doc: Doc; rev: number }[] = []
    for (const r of rows) {
      const doc = fromStored(r.data) as Doc
      if (q.test(doc)) out.push({ doc, rev: r.rev })
    }
    return out
  }

  count(coll: string, query: Record<string, unknown> | undefined): number {
    const t = this.requireCollection(coll)
    if (!query || Object.keys(query).length === 0) {
      return (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    }
    return this.findWithRev(coll, query).length
  }

  getById(coll: string, id: string): { doc: Doc; rev: number } | null {
    const t = this.requireCollection(coll)
    const row = this.db.prepare(`SELECT id, rev, data FROM ${t} WHERE id = ?`).get(id) as Row | undefined
    return row ? { doc: fromStored(row.data) as Doc, rev: row.rev } : null
  }

  private checkIndexedScalars(coll: string, doc: Doc): void {
    for (const ix of this.decls.get(coll)?.indexes ?? []) {
      for (const f of ix.fields) {
        const v = f.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc)
        if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
          this.logger.warn(`[local-cloud] "${coll}".${f} is indexed but document ${doc._id} holds a non-scalar there`)
        }
      }
    }
  }

  /** Write one document (insert or replace) at a new revision. Used by every write path. */
  put(coll: string, doc: Doc, mode: 'insert' | 'replace'): number {
    const t = this.requireCollection(coll)
    this.checkIndexedScalars(coll, doc)
    const rev = this.nextRevision()
    try {
      if (mode === 'insert') {
        this.db.prepare(`INSERT INTO ${t} (id, rev, data) VALUES (?, ?, ?)`).run(doc._id, rev, toStored(doc))
      } else {
        this.db.prepare(`INSERT OR REPLACE INTO ${t} (id, rev, data) VALUES (?, ?, ?)`).run(doc._id, rev, toStored(doc))
      }
    } catch (e) {
      // Duck-typed: jest may load better-sqlite3 twice, so instanceof is not reliable.
      if (String((e as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
        throw new StoreError(
          'DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${coll} dup key: { _id: "${doc._id}" }`,
        )
      }
      throw e
    }
    return rev
  }

  delete(coll: string, id: string): boolean {
    const t = this.requireCollection(coll)
    this.nextRevision()
    return this.db.prepare(`DELETE FROM ${t} WHERE id = ?`).run(id).changes > 0
  }

  insert(coll: string, data: Record<string, unknown>): string {
    const doc = { ...data, _id: typeof data._id === 'string' && data._id ? data._id : newDocId() } as Doc
    this.put(coll, doc, 'insert')
    return doc._id
  }

  /** Run a function atomically in one SQLite transaction. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /**
   * modifyDocument semantics: `merge` → `data` is an update-operator document applied with mingo;
   * otherwise `data` replaces the document (set). `upsert` inserts when nothing matches, taking _id
   * from the query's _id equality.
   */
  updateWhere(
    coll: string,
    query: Record<string, unknown>,
    data: Record<string, unknown>,
    opts: { multi: boolean; merge: boolean; upsert: boolean },
  ): { updated: number; upsertId?: string } {
    return this.atomically(() => {
      const matches = this.findWithRev(coll, query)
      const targets = opts.multi ? matches : matches.slice(0, 1)
      let updated = 0
      for (const { doc } of targets) {
        const next = applyModification(doc, data, opts.merge)
        if (next.changed) {
          this.put(coll, next.doc, 'replace')
          updated++
        }
      }
      if (targets.length === 0 && opts.upsert) {
        const id = typeof query._id === 'string' ? query._id : newDocId()
        const base: Doc = { _id: id }
        const next = applyModification(base, data, opts.merge)
        this.put(coll, { ...next.doc, _id: id }, 'insert')
        return { updated: 0, upsertId: id }
      }
      return { updated }
    })
  }

  removeWhere(coll: string, query: Record<string, unknown>, multi: boolean): number {
    return this.atomically(() => {
      const matches = this.findWithRev(coll, query)
      const targets = multi ? matches : matches.slice(0, 1)
      for (const { doc } of targets) this.delete(coll, doc._id)
      return targets.length
    })
  }

  aggregate(coll: string, pipeline: Record<string, unknown>[]): Record<string, unknown>[] {
    this.requireCollection(coll)
    const first = pipeline[0]
    const matchQuery = first && '$match' in first ? (first.$match as Record<string, unknown>) : {}
    const docs = this.candidates(coll, matchQuery).map((r) => fromStored(r.data))
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) => {
        if (!this.decls.has(name)) return []
        return this.find(name, {})
      },
    })
    return agg.run(docs) as Record<string, unknown>[]
  }

  /** Every document in every collection (for /__dev tools and tests). */
  dump(coll: string): Doc[] {
    return this.find(coll, {})
  }

  wipe(): void {
    this.atomically(() => {
      for (const name of this.decls.keys()) this.db.exec(`DELETE FROM ${tableName(name)}`)
    })
  }
}

/** Apply an update (operators, merge=true) or a replacement (merge=false) to a copy of a document. */
export function applyModification(
  doc: Doc,
  data: Record<string, unknown>,
  merge: boolean,
): { doc: Doc; changed: boolean } {
  if (!merge) {
    if (Object.keys(data).some((k) => k.startsWith('$'))) {
      throw new StoreError('DATABASE_REQUEST_FAILED', 'update operator complicit: set() takes a plain document')
    }
    const replaced = { ...data, _id: doc._id } as Doc
    return { doc: replaced, changed: toStored(replaced) !== toStored(doc) }
  }
  const ops = Object.keys(data)
  if (ops.some((k) => !k.startsWith('$'))) {
    // A plain document with merge=true means "set these fields".
    data = { $set: data }
  }
  const setOps = (data.$set ?? {}) as Record<string, unknown>
  if ('_id' in setOps) throw new StoreError('DATABASE_REQUEST_FAILED', 'cannot update _id')
  const copy = structuredClone(doc)
  const changedPaths = mingoUpdate(copy, data as never, undefined, undefined, { cloneMode: 'deep' })
  return { doc: copy as Doc, changed: changedPaths.length > 0 }
}
