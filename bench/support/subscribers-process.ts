/**
 * Child entry: SUBSCRIBERS graphql-ws clients (the `ws` package as transport), each on its own
 * connection, all subscribed to `seatMap(showId)` of one show. Each records, per event, the delay
 * from the change's commit (`at`, the database clock of this same machine) to its receipt, and
 * whether versions arrived in order without a gap. Kept apart from the API server's process so
 * client work does not count against the server (it still shares the machine's two cores).
 */
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { pollUntil } from './concurrency.ts'
import { serveParent } from './processes.ts'

const url = process.env.BENCH_WS_URL!
const subscribers = Number(process.env.BENCH_SUBSCRIBERS)
const showId = process.env.BENCH_SHOW_ID!
const startVersion = Number(process.env.BENCH_START_VERSION)
const BATCH = 100

const SUBSCRIPTION = 'subscription ($showId: ID!) { seatMap(showId: $showId) { version at reason seats { seatId status } } }'

interface Subscriber {
  client: Client
  connected: boolean
  /** The next version this subscriber should see; anything else is a gap (or a reordering). */
  expected: number
  gaps: number
  failed: string | null
}

const latencies: number[] = []
const all: Subscriber[] = []

function subscribe(): Promise<void> {
  return new Promise((resolve) => {
    const s: Subscriber = { client: null as never, connected: false, expected: startVersion + 1, gaps: 0, failed: null }
    const settle = () => resolve()
    s.client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: {
        connected: () => ((s.connected = true), settle()),
        closed: (e) => ((s.failed ??= `closed ${(e as { code?: number }).code ?? ''}`), settle()),
        error: () => ((s.failed ??= 'error'), settle()),
      },
    })
    s.client.subscribe<{ seatMap: { version: number; at: string } }>(
      { query: SUBSCRIPTION, variables: { showId } },
      {
        next: ({ data }) => {
          const received = performance.timeOrigin + performance.now()
          if (!data) return
          latencies.push(received - Date.parse(data.seatMap.at))
          if (data.seatMap.version !== s.expected) s.gaps++
          s.expected = data.seatMap.version + 1
        },
        error: (err) => (s.failed ??= `subscription error: ${JSON.stringify(err).slice(0, 200)}`),
        complete: () => (s.failed ??= 'completed by the server'),
      },
    )
    all.push(s)
  })
}

const { ready } = serveParent(
  {
    status: () => ({ connected: all.filter((s) => s.connected && !s.failed).length, failed: all.filter((s) => s.failed).length }),
    /** Waits (bounded) until every healthy subscriber has seen `finalVersion`, then reports. */
    results: async (arg) => {
      const { finalVersion, timeoutMs } = arg as { finalVersion: number; timeoutMs: number }
      await pollUntil(async () => all.every((s) => s.failed || s.expected > finalVersion), 50, timeoutMs)
      // A subscriber that stopped short is missing the versions after its last one.
      const missing = all.reduce((n, s) => n + Math.max(0, finalVersion + 1 - s.expected), 0)
      const failures = all.filter((s) => s.failed).map((s) => s.failed)
      return {
        latencies: Float64Array.from(latencies),
        gaps: all.reduce((n, s) => n + s.gaps, 0) + missing,
        failed: failures.length,
        failures: [...new Set(failures)].slice(0, 5),
      }
    },
  },
  async () => {
    await Promise.allSettled(all.map((s) => s.client.dispose()))
  },
)

// Connecting in batches keeps the server's accept backlog from overflowing.
for (let i = 0; i < subscribers; i += BATCH) {
  await Promise.all(Array.from({ length: Math.min(BATCH, subscribers - i) }, subscribe))
}
ready()
