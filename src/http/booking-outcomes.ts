import { GraphQLObjectType, GraphQLSchema, type GraphQLFieldConfig } from 'graphql'
import type { Counter } from 'prom-client'

const COUNTED = ['bookSeats', 'confirmBooking', 'cancelBooking'] as const

/**
 * A copy of the schema whose booking mutations count their outcomes: `success`, the ErrorCode of
 * a typed error (SEATS_UNAVAILABLE, …) or `error` for a GraphQL error. Counting at the resolver
 * sees the result union's value whatever the client selected. A copy per server (only the
 * Mutation type is rebuilt), so the shared schema module stays untouched and per-instance
 * counters never mix.
 */
export function withBookingOutcomes(schema: GraphQLSchema, counter: Counter<'mutation' | 'outcome'>): GraphQLSchema {
  const mutation = schema.getMutationType()
  if (!mutation) return schema
  const config = mutation.toConfig()
  const fields: Record<string, GraphQLFieldConfig<unknown, unknown>> = { ...config.fields }
  for (const name of COUNTED) {
    const field = fields[name]
    const resolve = field?.resolve
    if (!field || !resolve) continue
    fields[name] = {
      ...field,
      async resolve(...args) {
        try {
          const value: unknown = await resolve(...args)
          counter.inc({ mutation: name, outcome: errorCodeOf(value) ?? 'success' })
          return value
        } catch (err) {
          counter.inc({ mutation: name, outcome: 'error' })
          throw err
        }
      },
    }
  }
  const counted = new GraphQLObjectType({ ...config, fields })
  const schemaConfig = schema.toConfig()
  return new GraphQLSchema({ ...schemaConfig, mutation: counted, types: schemaConfig.types.map((t) => (t === mutation ? counted : t)) })
}

/**
 * The code of a typed error result. The errors plugin hands it over wrapped in a Proxy whose
 * prototype chain is proxied too, so `instanceof DomainError` fails; a booking has no `code`.
 */
function errorCodeOf(value: unknown): string | null {
  const code = value !== null && typeof value === 'object' ? (value as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : null
}
