import { GraphQLError } from 'graphql'
import type { Logger } from '../logger.ts'
import { withoutSuggestions } from './armor.ts'

/**
 * Yoga's maskError: what a client may see of an error. Never internals, not even in development:
 * an unexpected error is logged and answered as a generic one. With `hideSuggestions` (introspection
 * off) no message says "Did you mean …", which would leak the schema.
 */
export function createErrorMasker(logger: Logger, { hideSuggestions }: { hideSuggestions: boolean }) {
  const mask = (error: unknown, message: string): GraphQLError => {
    const original = isGraphQLError(error) ? error.originalError : error
    const located = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {}
    // Pothos' own argument checks (e.g. a negative `first`): the client's mistake, say so. Checked
    // first: PothosValidationError is itself a GraphQLError when both load the same graphql build.
    if (original instanceof Error && original.name === 'PothosValidationError') {
      return new GraphQLError(original.message, { ...located, extensions: { code: 'VALIDATION' } })
    }
    if (isGraphQLError(error) && (!original || isGraphQLError(original))) return withRequestCode(withoutInternals(error))
    logger.error({ err: original ?? error }, 'unexpected error in a GraphQL operation')
    return new GraphQLError(message, { ...located, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
  return (error: unknown, message: string): GraphQLError => (hideSuggestions ? withoutSuggestions(mask(error, message)) : mask(error, message))
}

/**
 * Yoga attaches the JSON parser's own message (quoting the body) to a malformed request's error.
 * Only the name stays: Yoga reads the entry's presence to answer 400 rather than 200.
 */
function withoutInternals(error: GraphQLError): GraphQLError {
  const extensions = error.extensions as Record<string, unknown>
  const internal = extensions.originalError as { name?: unknown } | undefined
  if (internal) extensions.originalError = { name: typeof internal.name === 'string' ? internal.name : 'Error' }
  return error
}

/**
 * graphql-js gives no code to the errors of a request it refuses before executing anything, such
 * as a variable of the wrong type or shape, or a required one missing, and the executor's
 * subscribe() calls them BAD_USER_INPUT. They are the client's bad input: VALIDATION, as everywhere
 * else in this API. Field errors (with a path) keep what they have.
 */
function withRequestCode(error: GraphQLError): GraphQLError {
  const extensions = error.extensions as Record<string, unknown>
  if (!error.path && (extensions.code === undefined || extensions.code === 'BAD_USER_INPUT')) extensions.code = 'VALIDATION'
  return error
}

/** graphql ships CJS and ESM builds; an error from the other build fails `instanceof`. */
export function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError || (e instanceof Error && e.name === 'GraphQLError')
}
