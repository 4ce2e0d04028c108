import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { log } from './env.ts'
import { onCleanup } from './run.ts'

/** Messages a bench child sends its parent; `reply` answers a request of the same id. */
export type ChildMessage =
  | { type: 'ready'; port?: number }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string }
export type ParentMessage = { type: 'request'; id: number; name: string; arg?: unknown } | { type: 'stop' }

export interface BenchChild {
  process: ChildProcess
  port: number
  /** Asks the child something it answers over IPC (e.g. its memory); bounded by `timeoutMs`. */
  request<T>(name: string, arg?: unknown, timeoutMs?: number): Promise<T>
  stop(): Promise<void>
}

/**
 * Forks a TypeScript entry under tsx with `--expose-gc` (so memory figures can be taken after a
 * collection). The child's stdout goes to our stderr, keeping our stdout for the one JSON line.
 */
export function forkChild(entry: URL, env: Record<string, string>, name: string, startTimeoutMs = 60_000): Promise<BenchChild> {
  const child = fork(fileURLToPath(entry), [], {
    env: { ...process.env, ...env },
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child on exit: the evidence behind a figure.
    // BENCH_NODE_FLAGS passes V8 flags NODE_OPTIONS refuses (--trace-opt, --perf-basic-prof, …).
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    serialization: 'advanced',
  })
  child.stdout!.pipe(process.stderr)
  let nextId = 0
  const waiting = new Map<number, (m: { value?: unknown; message?: string }) => void>()
  let exited = false
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())))

  const stop = async () => {
    if (exited) return
    child.send({ type: 'stop' } satisfies ParentMessage, () => undefined)
    // A child that does not finish its graceful shutdown in time is killed: a run must end.
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exit
    clearTimeout(killer)
  }
  onCleanup(`${name} (pid ${child.pid})`, stop)

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${startTimeoutMs} ms`)), startTimeoutMs)
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)))
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'reply' || m.type === 'error') waiting.get(m.id)?.(m)
      else if (m.type === 'ready') {
        clearTimeout(timer)
        log(`${name} ready (pid ${child.pid}${m.port ? `, port ${m.port}` : ''})`)
        resolve({
          process: child,
          port: m.port ?? 0,
          stop,
          request<T>(what: string, arg?: unknown, timeoutMs = 30_000) {
            const id = ++nextId
            return new Promise<T>((ok, fail) => {
              const t = setTimeout(() => (waiting.delete(id), fail(new Error(`${name}: no answer to ${what}`))), timeoutMs)
              waiting.set(id, (reply) => {
                clearTimeout(t)
                waiting.delete(id)
                if (reply.message !== undefined) fail(new Error(`${name}: ${what} failed: ${reply.message}`))
                else ok(reply.value as T)
              })
              child.send({ type: 'request', id, name: what, arg } satisfies ParentMessage)
            })
          },
        })
      }
    })
  })
}

/**
 * The child side: announce readiness, answer named requests, stop on request. A child whose
 * parent vanished (IPC disconnected) shuts down too, so no server outlives its benchmark.
 */
export function serveParent(handlers: Record<string, (arg: unknown) => unknown>, shutdown: () => Promise<void>) {
  const send = (m: ChildMessage) => process.send?.(m)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    setTimeout(() => process.exit(1), 8_000).unref()
    shutdown().finally(() => process.exit(0))
  }
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'stop') return stop()
    try {
      const handler = handlers[m.name]
      if (!handler) throw new Error(`no handler for ${m.name}`)
      send({ type: 'reply', id: m.id, value: await handler(m.arg) })
    } catch (err) {
      send({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) })
    }
  })
  process.on('disconnect', stop)
  process.on('SIGTERM', stop)
  return { ready: (port?: number) => send({ type: 'ready', port }) }
}

/**
 * Memory after full collections and a pause (V8 hands freed pages back to the OS lazily), so the
 * figures reflect what is retained, not garbage or pages about to be returned.
 */
export async function retainedMemory() {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let round = 0; round < 3; round++) {
    gc?.()
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers }
}
