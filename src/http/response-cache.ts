import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql'
import type { GraphQLParams, Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import type { Services } from '../services.ts'
import { selectsOnly } from './selected-fields.ts'

const MAX_ENTRIES = 1000

/**
 * Fields whose values are the same for every viewer and change only with a show's seat-map
 * version (a show's own details never change once it is on sale). A query made of nothing else
 * is answered from cache while every show it read is still at the version it read.
 */
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(
  Object.entries({
    Query: ['show'],
    Show: ['id', 'movie', 'theater', 'startTime', 'price', 'availableSeats', 'totalSeats', 'seatMap'],
    Movie: ['id', 'title', 'durationMinutes'],
    Theater: ['id', 'name', 'city'],
    Money: ['amount', 'currency'],
    SeatMap: ['showId', 'version', 'seats'],
    Seat: ['id', 'seatNumber', 'row', 'number', 'status'],
  }).flatMap(([type, fields]) => fields.map((f) => `${type}.${f}`)),
)

interface Entry {
  /** The serialized answer, handed to Yoga as is (its result processor calls `stringify`). */
  result: { data: unknown; stringify: () => string }
  reads: [showId: string, version: number][]
  epoch: number
  storedAt: number
}

/**
 * Whole answers of public seat-map reads, kept per (query, variables) and valid while every show
 * they read is at the version they read it at (ShowVersions learns every change, from this process
 * synchronously and from others by pub/sub). A hit skips parsing, context and execution; a chart
 * read by thousands costs one execution per change. `maxAgeMs` bounds how long a lost publish
 * (a process dying between commit and publish) could keep an answer stale.
 */
export function useVersionedResponseCache(services: Services, maxAgeMs: number): Plugin<Context> {
  const { showVersions: versions, metrics } = services
  versions.start()
  const entries = new Map<string, Entry>()
  /** Query texts with an entry: most requests (mutations, other queries) miss here, cheaply. */
  const cachedTexts = new Set<string>()
  const publicDocuments = new WeakMap<DocumentNode, boolean>()

  const valid = (e: Entry) =>
    e.epoch === versions.epoch &&
    versions.live &&
    performance.now() - e.storedAt < maxAgeMs &&
    e.reads.every(([showId, version]) => versions.current(showId) === version)

  return {
    onParams({ params, setResult }) {
      if (typeof params.query !== 'string' || !cachedTexts.has(params.query)) return
      const key = cacheKey(params)
      const entry = key && entries.get(key)
      if (!entry) return
      if (!valid(entry)) {
        entries.delete(key)
        return
      }
      metrics.responseCache.inc({ outcome: 'hit' })
      setResult(entry.result)
    },
    onExecute({ args }) {
      const ctx = args.contextValue as Context & { params?: GraphQLParams }
      if (!ctx.params || !isPublic(args.schema, args.document)) return
      const key = cacheKey(ctx.params)
      if (!key) return
      const epoch = versions.epoch
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors?.length || !versions.live || versions.epoch !== epoch) return
          const reads = [...ctx.readVersions]
          if (!reads.length || reads.some(([, v]) => v < 0)) return
          for (const [showId, version] of reads) versions.observe(showId, version)
          // A change landed while this ran: the answer is already old, keep it out.
          if (reads.some(([showId, version]) => versions.current(showId) !== version)) return
          const body = JSON.stringify(result)
          entries.delete(key)
          entries.set(key, { result: { data: result.data, stringify: () => body }, reads, epoch, storedAt: performance.now() })
          if (entries.size > MAX_ENTRIES) {
            entries.delete(entries.keys().next().value!)
            // The texts' set would outgrow the entries: start it afresh from what is left.
            if (cachedTexts.size > MAX_ENTRIES) cachedTexts.clear()
          }
          cachedTexts.add(ctx.params!.query!)
          metrics.responseCache.inc({ outcome: 'store' })
        },
      }
    },
  }

  function isPublic(schema: GraphQLSchema, document: DocumentNode): boolean {
    let known = publicDocuments.get(document)
    if (known === undefined) publicDocuments.set(document, (known = onlyPublicFields(schema, document)))
    return known
  }
}

function cacheKey(params: GraphQLParams): string | null {
  if (typeof params.query !== 'string' || (params.extensions && Object.keys(params.extensions).length)) return null
  const variables = params.variables ? JSON.stringify(params.variables) : ''
  return `${params.operationName ?? ''}\u0000${variables}\u0000${params.query}`
}

function onlyPublicFields(schema: GraphQLSchema, document: DocumentNode): boolean {
  if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'query')) return false
  return selectsOnly(schema, document, PUBLIC_FIELDS)
}
