import { GraphQLError } from 'graphql'

const invalid = (message: string, field: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION', field } })

// Pothos' cursor for an id-keyed connection: base64 of `GPC:S:<id>`, and our ids are UUIDs.
const CURSOR = /^GPC:S:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface PageArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
}

/**
 * Contract: `first` (and so `last`) is 1..100; Pothos would clamp silently, and a client asking for
 * 500 should hear why. A cursor must be one we issued: Pothos decodes any `GPC:S:<text>`, and
 * PostgreSQL would then fail on the text as a uuid, a client's mistake answered as our own.
 */
export function checkPage(args: PageArgs) {
  for (const field of ['first', 'last'] as const) {
    const size = args[field]
    if (size != null && (size < 1 || size > 100)) throw invalid(`${field} must be between 1 and 100.`, field)
  }
  for (const field of ['after', 'before'] as const) {
    const cursor = args[field]
    if (cursor != null && !CURSOR.test(Buffer.from(cursor, 'base64').toString('utf8'))) {
      throw invalid(`${field} is not a cursor of this connection.`, field)
    }
  }
}

/** The query Pothos builds for a page of an id-keyed connection. */
interface PageQuery {
  cursor?: { id?: string }
  skip?: number
  take?: number
}

/** Where the cursor's row sits in the connection's order: its id and its sort key. */
export interface CursorRow {
  id: string
  key: Date
}

/**
 * The cursor's row, looked up by `find` (which also says whether it belongs to this connection,
 * e.g. is the viewer's own booking), or a VALIDATION error for a cursor of something else.
 */
export async function cursorRow(query: PageQuery, field: 'after' | 'before', find: (id: string) => Promise<CursorRow | null>) {
  const id = query.cursor?.id
  if (!id) return null
  const row = await find(id)
  if (!row) throw invalid(`${field} is not a cursor of this connection.`, field)
  return row
}

/**
 * Pages by the cursor row's place in the order (`key` then id, both `dir`), not by Prisma's
 * cursor with skip: 1, which skips the first row on the assumption that it is the cursor's own: a
 * row that has left the filtered set since (a hold that expired or was paid) cost the next page
 * a row. Returns the query without Prisma's cursor, and the condition to add to its filter.
 */
export function keyset<Q extends PageQuery>(query: Q, at: CursorRow | null, key: string, dir: 'asc' | 'desc') {
  const { cursor: _cursor, skip: _skip, ...page } = query
  if (!at) return { page, where: {} }
  const forward = (query.take ?? 1) > 0
  const beyond = (dir === 'asc') === forward ? 'gt' : 'lt'
  return { page, where: { OR: [{ [key]: { [beyond]: at.key } }, { [key]: at.key, id: { [beyond]: at.id } }] } }
}
