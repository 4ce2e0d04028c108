/**
 * Child entry: the seatgraph API (`BENCH_ROLES=api`) and/or the background worker (`worker`),
 * built exactly as server.ts/worker.ts build them, from settings loaded through src/config.
 * Answers `memory` (retained memory after GC), `subscribers` (live seat-map subscribers) and
 * `cpu` (process.cpuUsage()).
 */
import { pino } from 'pino'
import { loadConfig } from '../../src/config/env.ts'
import { createApiServer, type ApiServer } from '../../src/http/api-server.ts'
import { startWorkers, type Workers } from '../../src/jobs/worker.ts'
import { createServices, type ResolvedConfig } from '../../src/services.ts'
import { retainedMemory, serveParent } from './processes.ts'

const roles = new Set((process.env.BENCH_ROLES ?? 'api').split(','))
const config = loadConfig(process.env) as ResolvedConfig
const logger = pino({ name: `bench-${[...roles].join('+')}`, level: config.logLevel })
const services = createServices(config, logger, { poolSize: Number(process.env.BENCH_DB_POOL ?? 20) })

let api: ApiServer | null = null
let workers: Workers | null = null

const { ready } = serveParent(
  {
    memory: () => retainedMemory(),
    subscribers: () => services.seatMaps.subscriberCount,
    cpu: () => process.cpuUsage(),
  },
  async () => {
    await api?.stop()
    await workers?.close()
    await services.close()
  },
)

if (roles.has('worker')) workers = await startWorkers(services)
let port: number | undefined
if (roles.has('api')) {
  api = createApiServer(services)
  port = await api.start(0, '127.0.0.1')
}
ready(port)
