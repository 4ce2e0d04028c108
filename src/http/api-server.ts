import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Services } from '../services.ts'
import { attachGraphqlWs } from './graphql-ws.ts'
import { createYogaServer, type Yoga } from './yoga.ts'
import { useSharedSubscriptionExecution } from './shared-subscriptions.ts'
import { createStaticHandler } from './static.ts'
import { createFrontDoor } from './front-door.ts'

export interface ApiServer {
  yoga: Yoga
  httpServer: http.Server
  start(port: number, host?: string): Promise<number>
  stop(): Promise<void>
}

/** HTTP + graphql-ws on one port and one path (/graphql); /health and /ready beside them. */
export function createApiServer(services: Services): ApiServer {
  // One execution per seat-map event for all its subscribers, rather than one each.
  const yoga = createYogaServer(services, [useSharedSubscriptionExecution()])
  const frontDoor = createFrontDoor(services, yoga)
  const serveWebClient = createStaticHandler()
  const httpServer = http.createServer(async (req, res) => {
    if (await frontDoor(req, res)) return
    if (await serveWebClient(req, res)) return
    yoga.handle(req, res, { req })
  })
  // Keep-alive sockets must not hold shutdown hostage for their idle timeout.
  httpServer.keepAliveTimeout = 5_000
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 64 * 1024 })
  const ws = attachGraphqlWs(wss, yoga, services)

  return {
    yoga,
    httpServer,
    start(port, host = services.config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject)
          resolve((httpServer.address() as AddressInfo).port)
        })
      })
    },
    async stop() {
      await ws.dispose()
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve())
        httpServer.closeIdleConnections()
        setTimeout(() => httpServer.closeAllConnections(), 5_000).unref()
      })
    },
  }
}
