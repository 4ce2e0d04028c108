import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU time (user + system, ms) of every process on this host whose command is `name`, read from
 * /proc: what PostgreSQL or Redis spent for a phase when they run on this machine. Processes that
 * exit inside the window are not counted, so measure over long-lived connections. Linux only;
 * null elsewhere.
 */
export function hostCpuMs(name: string): number | null {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p))
  } catch {
    return null
  }
  const ticksPerMs = 100 / 1000 // USER_HZ is 100 on Linux
  let ticks = 0
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue
      const fields = stat.slice(close + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime
    } catch {
      // exited between listing and reading
    }
  }
  return ticks / ticksPerMs
}

/** Starts a window over the named processes; `stop()` answers the CPU ms each spent in it. */
export function hostCpuWindow(names: string[]) {
  const start = names.map(hostCpuMs)
  return {
    stop: (): Record<string, number | null> =>
      Object.fromEntries(names.map((n, i) => {
        const now = hostCpuMs(n)
        return [n, now === null || start[i] === null ? null : now - start[i]!]
      })),
  }
}
