/**
 * Child entry: the yardstick. A bare graphql-yoga with `type Query { hello: String }` on node:http,
 * configured like the real server where it costs (no logging, no landing page), so a ratio to it
 * says how much the application adds on top of the framework on this machine, right now.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSchema, createYoga } from 'graphql-yoga'
import { retainedMemory, serveParent } from './processes.ts'

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } }),
  graphqlEndpoint: '/graphql',
  logging: false,
  landingPage: false,
  graphiql: false,
})
const server = http.createServer(yoga)
server.keepAliveTimeout = 5_000

const { ready } = serveParent({ memory: () => retainedMemory(), cpu: () => process.cpuUsage() }, async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})
server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port))
