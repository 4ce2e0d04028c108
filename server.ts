import { ConfigError, loadConfig } from './src/config/env.ts'
import { createApiServer } from './src/http/api-server.ts'
import { startWorkers, type Workers } from './src/jobs/worker.ts'
import { createLogger } from './src/logger.ts'
import { startRuntime } from './src/runtime.ts'
import { DEMO_ADMIN, DEMO_USER } from './src/db/seed.ts'

/**
 * `npm start`: the API. With no DATABASE_URL/REDIS_URL it brings up embedded PostgreSQL and Redis
 * and runs the worker in-process too, so one command runs the whole system.
 */
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger(config)
  const runtime = await startRuntime(config, logger)
  const { services } = runtime
  const api = createApiServer(services)
  let workers: Workers | null = null
  let port: number
  try {
    port = await api.start(config.port)
    if (runtime.runWorker) workers = await startWorkers(services)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    logger.fatal(code === 'EADDRINUSE' ? `port ${config.port} is already in use: set PORT to a free port` : { err }, 'could not start')
    await runtime.close()
    process.exit(1)
  }

  const base = `http://localhost:${port}`
  const lines = [
    `seatgraph is up${runtime.embedded ? ' (embedded PostgreSQL and Redis, data in ' + config.dataDir + ')' : ''}`,
    `  GraphiQL:     ${base}/graphql`,
    `  Seat picker:  ${base}/`,
    `  Health:       ${base}/health  ${base}/ready  ${base}/metrics`,
    runtime.runWorker ? '  Worker:       running in this process' : '  Worker:       run `npm run worker` beside this process',
  ]
  if (config.env !== 'production') {
    lines.push(`  Demo user:    ${DEMO_USER.email} / ${DEMO_USER.password}`, `  Demo admin:   ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`)
  }
  console.log(lines.join('\n'))

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: shutting down`)
    const force = setTimeout(() => process.exit(1), 20_000)
    force.unref()
    await api.stop()
    await workers?.close()
    await runtime.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err) => {
  console.error('seatgraph failed to start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
