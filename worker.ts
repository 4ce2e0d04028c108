import { ConfigError, loadConfig } from './src/config/env.ts'
import { startWorkers } from './src/jobs/worker.ts'
import { createLogger } from './src/logger.ts'
import { startRuntime } from './src/runtime.ts'

/** `npm run worker`: payment, expiry and maintenance processors against DATABASE_URL/REDIS_URL. */
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
  const logger = createLogger(config, 'seatgraph-worker')
  if (!config.databaseUrl || !config.redisUrl) {
    logger.fatal('npm run worker needs DATABASE_URL and REDIS_URL; `npm start` without them runs a worker in-process')
    process.exit(1)
  }
  const runtime = await startRuntime(config, logger, { seed: false })
  const workers = await startWorkers(runtime.services)
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: finishing jobs in hand, then exiting`)
    setTimeout(() => process.exit(1), 30_000).unref()
    await workers.close()
    await runtime.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err) => {
  console.error('seatgraph worker failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
