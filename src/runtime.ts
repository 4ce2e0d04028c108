import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config/env.ts'
import { migrateDatabase } from './db/migrate.ts'
import { seedDemoData } from './db/seed.ts'
import { startEmbeddedServices, type EmbeddedServices } from './embedded/services.ts'
import type { Lifecycle } from './lifecycle.ts'
import type { Logger } from './logger.ts'
import { createServices, type ResolvedConfig, type Services } from './services.ts'

export interface Runtime {
  services: Services
  embedded: EmbeddedServices | null
  /** Whether this process should also run the background worker. */
  runWorker: boolean
}

/** The development JWT secret is generated once and kept beside the embedded data. */
function developmentSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'jwt-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/**
 * Resolves where PostgreSQL and Redis are (embedded when no URL is given), applies migrations,
 * seeds demo data on an empty database and builds the process's services.
 */
export async function startRuntime(
  config: Config,
  logger: Logger,
  lifecycle: Lifecycle,
  opts: { seed?: boolean } = {},
): Promise<Runtime> {
  const embeddedNeeded = !config.databaseUrl || !config.redisUrl
  const embedded = embeddedNeeded ? await startEmbeddedServices(config.dataDir, logger, lifecycle) : null
  {
    const resolved: ResolvedConfig = {
      ...config,
      databaseUrl: config.databaseUrl ?? embedded!.databaseUrl,
      redisUrl: config.redisUrl ?? embedded!.redisUrl,
      jwtSecret: config.jwtSecret ?? developmentSecret(config.dataDir),
    }
    logger.info(await migrateDatabase(resolved.databaseUrl))
    const services = createServices(resolved, logger)
    lifecycle.onShutdown('connections', () => services.close())
    if (opts.seed ?? config.seedDemoData ?? config.env !== 'production') {
      const { shows } = await seedDemoData(services.prisma)
      if (shows) logger.info(`seeded demo data: ${shows} shows`)
    }
    return {
      services,
      embedded,
      runWorker: config.workerInProcess ?? embeddedNeeded,
    }
  }
}
