import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

// Inside a GraphQL string literal a NUL can only arrive escaped (a raw one is a lexer error).
const NUL_ESCAPE = /\\u(?:0000|\{0+\})/i

const nulError = () =>
  new GraphQLError('Text must not contain NUL (U+0000) characters.', { extensions: { code: 'VALIDATION', http: { status: 400 } } })

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (depth > 32 || value === null || typeof value !== 'object') return false
  return Object.values(value).some((v) => containsNul(v, depth + 1))
}

/**
 * PostgreSQL text cannot hold NUL, so no valid input contains one; a string that does would
 * otherwise reach a query and fail there as an internal error. Refused up front as VALIDATION,
 * in the document's literals and in the variables alike, over HTTP and graphql-ws.
 */
export function useNulGuard(): Plugin {
  return {
    onParse({ params }) {
      if (NUL_ESCAPE.test(typeof params.source === 'string' ? params.source : params.source.body)) throw nulError()
    },
    onExecute({ args, setResultAndStopExecution }) {
      if (containsNul(args.variableValues)) setResultAndStopExecution({ errors: [nulError()] })
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (containsNul(args.variableValues)) setResultAndStopExecution({ errors: [nulError()] })
    },
  }
}
