import { spawn } from 'node:child_process'
import net from 'node:net'
import { Redis } from 'ioredis'
import { eventually } from './wait.ts'

/**
 * A throwaway redis-server of the test's own, for tests that FLUSHALL or stall it: the shared
 * Redis serves every other test file running at the same time.
 */
export async function startPrivateRedis() {
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(p))
    })
  })
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() && true))
        socket.on('error', () => resolve(false))
      }),
    5000,
  )
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  return {
    url,
    client,
    /** Freezes the server: connections stay open, nothing is answered (a stall, not an outage). */
    pause: () => proc.kill('SIGSTOP'),
    resume: () => proc.kill('SIGCONT'),
    async stop() {
      client.disconnect()
      proc.kill('SIGCONT')
      proc.kill('SIGTERM')
    },
  }
}
