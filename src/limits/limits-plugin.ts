import { getOperationAST, Kind, type DocumentNode, type SelectionSetNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import { rateLimitedError } from './limits.ts'

/** Mutations with limits of their own: bookSeats per user (as data), logIn/signUp per address. */
const OWN_LIMITS = new Set(['bookSeats', 'signUp', 'logIn', '__typename'])

/** The root fields an operation selects, through fragments; an alias bomb counts every alias. */
export function rootFields(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] {
  const names: string[] = []
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value)
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFields(document, selection.selectionSet, seen))
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value)
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value)
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) names.push(...rootFields(document, fragment.selectionSet, seen))
    }
  }
  return names
}

/**
 * The per-user budget for mutations other than those above (confirm, cancel, admin operations):
 * a logged-in user's mutation over RATE_LIMIT_USER_MUTATIONS per window is refused as a whole
 * with a RATE_LIMITED error before anything runs.
 */
export function useUserMutationLimit(): Plugin<Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Context
      const operation = getOperationAST(args.document, args.operationName)
      if (!ctx.viewer || operation?.operation !== 'mutation') return
      const counted = rootFields(args.document, operation.selectionSet).filter((f) => !OWN_LIMITS.has(f)).length
      if (!counted) return
      const verdict = await ctx.services.limits.userMutations(ctx.viewer.id, counted)
      if (!verdict.allowed) {
        setResultAndStopExecution({ errors: [rateLimitedError('Too many requests.', verdict.retryAfterMs)] })
      }
    },
  }
}
