import { ConfigError, loadConfig } from './src/config/env.ts'
import { startWorkers } from './src/jobs/worker.ts'
import { Lifecycle } from './src/lifecycle.ts'
import { createLogger } from './src/logger.ts'
import { startRuntime } from './src/runtime.ts'

/** `npm run worker`: payment, expiry and maintenance processors against DATABASE_URL/REDIS_URL. */
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(err.message)
    process.exit(1)
  }
  const logger = createLogger(config, 'seatgraph-worker')
  if (!config.databaseUrl || !config.redisUrl) {
    logger.fatal('npm run worker needs DATABASE_URL and REDIS_URL; `npm start` without them runs a worker in-process')
    process.exit(1)
  }
  const lifecycle = new Lifecycle()
  // close() lets the jobs in hand finish before the connections go.
  lifecycle.handleSignals((msg) => logger.info(msg), 30_000)
  const runtime = await startRuntime(config, logger, lifecycle, { seed: false })
  const workers = await startWorkers(runtime.services)
  lifecycle.onShutdown('workers', () => workers.close())
}

main().catch((err) => {
  console.error('seatgraph worker failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
