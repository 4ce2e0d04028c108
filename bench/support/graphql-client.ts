import http from 'node:http'

export interface GqlResponse<T = Record<string, unknown>> {
  status: number
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }
  /** Milliseconds from issuing the request to the end of the response body. */
  ms: number
}

/**
 * A GraphQL-over-HTTP client on a keep-alive pool of `maxSockets` connections to one 127.0.0.1
 * server: requests beyond the pool queue in the agent, as they would behind a real client pool.
 */
export function createGqlClient(port: number, maxSockets = 50) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets })

  function post<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> {
    const payload = Buffer.from(JSON.stringify({ query, variables }))
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          timeout: 30_000,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const ms = performance.now() - started
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), ms })
            } catch (err) {
              reject(err)
            }
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new Error('request timed out')))
      req.on('error', reject)
      req.end(payload)
    })
  }

  return {
    post,
    /**
     * Opens the pool's sockets ahead of time and lets the server's JIT warm up, so a burst
     * measures requests, not TCP handshakes and cold code.
     */
    async warm(query = '{ __typename }', rounds = 5) {
      for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: maxSockets }, () => post(query)))
    },
    close: () => agent.destroy(),
  }
}

export type GqlClient = ReturnType<typeof createGqlClient>
