import SchemaBuilder from '@pothos/core'
import ErrorsPlugin from '@pothos/plugin-errors'
import PrismaPlugin from '@pothos/plugin-prisma'
import RelayPlugin from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { GraphQLError } from 'graphql'
import type PrismaTypes from '../generated/pothos-types.ts'
import { getDatamodel } from '../generated/pothos-types.ts'
import type { Context } from '../context.ts'

export const builder = new SchemaBuilder<{
  Context: Context
  PrismaTypes: PrismaTypes
  AuthScopes: { loggedIn: boolean; admin: boolean }
  Scalars: {
    DateTime: { Input: Date; Output: Date | string }
    ID: { Input: string; Output: string }
  }
  DefaultFieldNullability: false
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: async (ctx) => ({ loggedIn: !!ctx.viewer, admin: await ctx.isAdmin() }),
    // Contract: no/bad/expired token is UNAUTHENTICATED, a logged-in user without the role FORBIDDEN.
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new GraphQLError('You are not allowed to do this.', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError(ctx.authError ?? 'You must be logged in.', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  prisma: {
    // Each request context carries its own client (tests run one database per file).
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `node(id:)` is ours (src/schema/node.ts): a malformed id must answer null, not an error.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
})

builder.queryType({})
builder.mutationType({})
builder.subscriptionType({})
