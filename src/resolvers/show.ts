import { GraphQLError } from 'graphql'
import type { Prisma } from '../generated/prisma/client.ts'
import { parseGlobalId, type NodeTypeName } from '../schema/global-id.ts'

export interface ShowFilterInput {
  movieId?: string | null
  theaterId?: string | null
  startsAfter?: Date | null
  startsBefore?: Date | null
}

const invalid = (message: string, field: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION', field } })

// Pothos' cursor for an id-keyed connection: base64 of `GPC:S:<id>`, and our ids are UUIDs.
const CURSOR = /^GPC:S:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface PageArgs {
  first?: number | null
  after?: string | null
  before?: string | null
}

/**
 * Contract: `first` is 1..100; Pothos would clamp silently, and a client asking for 500 should hear
 * why. A cursor must be one we issued: Pothos decodes any `GPC:S:<text>`, and PostgreSQL would then
 * fail on the text as a uuid, a client's mistake answered as our own.
 */
export function checkPage(args: PageArgs) {
  if (args.first != null && (args.first < 1 || args.first > 100)) throw invalid('first must be between 1 and 100.', 'first')
  for (const field of ['after', 'before'] as const) {
    const cursor = args[field]
    if (cursor != null && !CURSOR.test(Buffer.from(cursor, 'base64').toString('utf8'))) {
      throw invalid(`${field} is not a cursor of this connection.`, field)
    }
  }
}

function filterId(value: string | null | undefined, type: NodeTypeName, field: string) {
  if (value == null) return undefined
  const id = parseGlobalId(value, type)
  if (!id) throw invalid(`filter.${field} is not a valid ${type} id.`, `filter.${field}`)
  return id
}

/** Upcoming shows by default: a show that has started can no longer be booked. */
export function showFilterWhere(filter: ShowFilterInput | null | undefined): Prisma.ShowWhereInput {
  return {
    movieId: filterId(filter?.movieId, 'Movie', 'movieId'),
    theaterId: filterId(filter?.theaterId, 'Theater', 'theaterId'),
    startTime: { gt: filter?.startsAfter ?? new Date(), ...(filter?.startsBefore ? { lt: filter.startsBefore } : {}) },
  }
}
