import type { Page, WebSocketRoute } from 'playwright-core'

export interface SubscribeMessage {
  query: string
  variables?: Record<string, unknown>
}

/**
 * Sits between a page and the server's graphql-ws socket, so a test can do what a flaky network
 * does: hold back the server's messages, drop the connection, refuse to reconnect for a while.
 */
export async function controlSocket(page: Page) {
  const routes = new Set<WebSocketRoute>()
  const held: { route: WebSocketRoute; message: string | Buffer }[] = []
  const subscribes: SubscribeMessage[] = []
  let paused = false
  let refusing = false

  await page.routeWebSocket(/\/graphql$/, (route) => {
    if (refusing) return route.close({ code: 1013, reason: 'Try again later' })
    const server = route.connectToServer()
    routes.add(route)
    route.onMessage((message) => {
      const parsed = JSON.parse(String(message)) as { type: string; payload?: SubscribeMessage }
      if (parsed.type === 'subscribe' && parsed.payload) subscribes.push(parsed.payload)
      server.send(message)
    })
    server.onMessage((message) => (paused ? held.push({ route, message }) : route.send(message)))
  })

  return {
    subscribes,
    /** The server's messages wait here until `resume()`. */
    pause() {
      paused = true
    },
    resume() {
      paused = false
      for (const { route, message } of held.splice(0)) route.send(message)
    },
    /** Closes every socket as a dying network would, and refuses new ones until `allowReconnect()`. */
    async drop() {
      refusing = true
      held.length = 0
      for (const route of routes) await route.close({ code: 1001, reason: 'Network went away' }).catch(() => undefined)
      routes.clear()
    },
    allowReconnect() {
      refusing = false
    },
    /** The seat-map subscriptions the page sent, oldest first. */
    seatMapSubscribes: () => subscribes.filter((s) => s.query.includes('seatMap(')),
  }
}

export type SocketControl = Awaited<ReturnType<typeof controlSocket>>
