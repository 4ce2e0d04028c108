import net from 'node:net'
import { ConfigError, loadConfig, type Config } from './src/config/env.ts'
import { DEMO_ADMIN, DEMO_USER } from './src/db/seed.ts'
import { createApiServer } from './src/http/api-server.ts'
import { startWorkers } from './src/jobs/worker.ts'
import { Lifecycle } from './src/lifecycle.ts'
import { createLogger } from './src/logger.ts'
import { startRuntime } from './src/runtime.ts'

/**
 * `npm start`: the API. With no DATABASE_URL/REDIS_URL it brings up embedded PostgreSQL and Redis
 * and runs the worker in-process too, so one command runs the whole system.
 */
async function main() {
  const config = readConfig()
  const logger = createLogger(config)
  const lifecycle = new Lifecycle()
  lifecycle.handleSignals((msg) => logger.info(msg))
  // Fail in a second, not after the database is up, when the port is taken.
  await assertPortFree(config)

  const runtime = await startRuntime(config, logger, lifecycle)
  const api = createApiServer(runtime.services)
  lifecycle.onShutdown('API server', () => api.stop())
  const port = await api.start(config.port)
  if (runtime.runWorker) {
    const workers = await startWorkers(runtime.services)
    lifecycle.onShutdown('worker', () => workers.close())
  }
  if (lifecycle.shuttingDown) return

  const base = `http://localhost:${port}`
  const lines = [
    `seatgraph is up${runtime.embedded ? ` (embedded PostgreSQL and Redis, data in ${config.dataDir})` : ''}`,
    `  GraphiQL:     ${base}/graphql`,
    `  Seat picker:  ${base}/`,
    `  Health:       ${base}/health  ${base}/ready  ${base}/metrics`,
    runtime.runWorker ? '  Worker:       running in this process' : '  Worker:       run `npm run worker` beside this process',
  ]
  if (config.env !== 'production') {
    lines.push(`  Demo user:    ${DEMO_USER.email} / ${DEMO_USER.password}`, `  Demo admin:   ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`)
  }
  console.log(lines.join('\n'))
}

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(err.message)
    process.exit(1)
  }
}

function assertPortFree(config: Config): Promise<void> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', (err: NodeJS.ErrnoException) => {
      console.error(
        err.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to a free port.` : `Cannot listen on port ${config.port}: ${err.message}`,
      )
      process.exit(1)
    })
    probe.listen(config.port, config.host, () => probe.close(() => resolve()))
  })
}

main().catch((err) => {
  console.error('seatgraph failed to start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
