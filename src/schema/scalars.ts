import { GraphQLError, Kind } from 'graphql'
import { builder } from './builder.ts'

/** A UTC instant as an ISO-8601 string; payloads that crossed Redis already carry strings. */
builder.scalarType('DateTime', {
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : null),
})

function parseInstant(value: unknown): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN)
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError('DateTime must be an ISO-8601 instant, e.g. 2026-12-24T18:30:00Z.', { extensions: { code: 'VALIDATION' } })
  }
  return date
}

export const Money = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  description: 'An amount in minor units (cents) and an ISO-4217 currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount'),
    currency: t.exposeString('currency'),
  }),
})
