import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/** Far deeper than any input of this schema (an input object holding a list of ids is 3 levels). */
export const MAX_INPUT_DEPTH = 32

/**
 * Whether `value` nests arrays or objects more than `max` levels deep. JSON.parse takes any depth,
 * but JSON.stringify and other recursive walks overflow the stack a few thousand levels down; this
 * walk recurses at most `max` levels and stops at the first branch that goes too deep.
 */
export function nestedDeeperThan(value: unknown, max = MAX_INPUT_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false
  if (max === 0) return true
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (nestedDeeperThan(item, max - 1)) return true
  return false
}

export const tooDeepError = () =>
  new GraphQLError(`Variables and extensions must not nest more than ${MAX_INPUT_DEPTH} levels deep.`, {
    extensions: { code: 'VALIDATION', http: { status: 400 } },
  })

/**
 * Refuses over-nested variables before anything walks them (the response cache stringifies them
 * for its key). Thrown, not set as the result: Yoga stops at a throw but would run the remaining
 * onParams hooks after a setResult. graphql-ws, which has no onParams, checks in its onSubscribe.
 */
export function useInputDepthGuard(): Plugin {
  return {
    onParams({ params }) {
      if (nestedDeeperThan(params.variables) || nestedDeeperThan(params.extensions)) throw tooDeepError()
    },
  }
}
