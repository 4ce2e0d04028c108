import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Config } from '../config/env.ts'

// Report as a validation error (HTTP 400, GRAPHQL_VALIDATION_FAILED) instead of throwing mid-validation.
const asValidationError = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)] }

/**
 * Query-shape limits (GraphQL Armor) and the introspection switch. Introspection queries are
 * exempt from depth and cost, so GraphiQL and codegen work with the defaults; field suggestions
 * ("Did you mean …") are hidden only when introspection is off, as they would leak the schema.
 */
export function queryShapePlugins(limits: Config['graphql']): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxTokens: { n: limits.maxTokens },
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...asValidationError },
      maxAliases: { n: limits.maxAliases, ...asValidationError },
      maxDirectives: { n: limits.maxDirectives, ...asValidationError },
      costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...asValidationError },
      blockFieldSuggestion: { enabled: !limits.introspection },
    }) as Plugin,
  ]
  if (!limits.introspection) {
    plugins.push({
      onValidate: ({ addValidationRule }) => {
        addValidationRule(NoSchemaIntrospectionCustomRule)
        // Armor's filter misses "Did you mean the enum value …"; validation errors never reach maskError.
        return ({ result }) => result.forEach(withoutSuggestions)
      },
    })
  }
  return plugins
}

/** graphql-js appends these to many messages ("… Did you mean the enum value "PAYMENTS"?"). */
const SUGGESTION = / *Did you mean [^?]*\?/g

/**
 * Removes suggestions from an error's message, for errors Armor's filter misses (enum values) or
 * never sees (variable coercion comes after validation). With introspection off they would leak
 * the schema.
 */
export function withoutSuggestions<E extends Error>(error: E): E {
  if (error.message.includes('Did you mean')) error.message = error.message.replace(SUGGESTION, '').trimEnd()
  return error
}
