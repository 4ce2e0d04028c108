import { GraphQLError, Kind } from 'graphql'
import { builder } from './builder.ts'

/** A UTC instant as an ISO-8601 string; payloads that crossed Redis already carry strings. */
builder.scalarType('DateTime', {
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : null),
})

// RFC 3339 date-time; without an offset it is read as UTC, whatever the server's time zone.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i

function parseInstant(value: unknown): Date {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number]
    // Date rolls 2026-02-30 over to March 2 and 24:00 to the next day: a moment that does not
    // exist is the client's mistake, so its parts must come back unchanged.
    const parts = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
    const exists = [parts.getUTCFullYear(), parts.getUTCMonth() + 1, parts.getUTCDate(), parts.getUTCHours(), parts.getUTCMinutes(), parts.getUTCSeconds()]
      .every((part, i) => part === [year, month, day, hour, minute, second][i])
    const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${(m[7] ?? '').slice(0, 4)}${m[8] ?? 'Z'}`)
    if (exists && !Number.isNaN(date.getTime())) return date
  }
  throw new GraphQLError('DateTime must be an ISO-8601 instant, e.g. 2026-12-24T18:30:00Z.', { extensions: { code: 'VALIDATION' } })
}

export const Money = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  description: 'An amount in minor units (cents) and an ISO-4217 currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount'),
    currency: t.exposeString('currency'),
  }),
})
