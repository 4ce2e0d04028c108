// A signal repeated within this long is the same request (see handleSignals).
const REPEAT_MS = 1_000

/**
 * Process shutdown in reverse order of startup. Steps register as soon as the thing they stop
 * exists, so a Ctrl-C in the middle of starting (say, while migrations run) still stops the
 * embedded PostgreSQL and Redis instead of orphaning them.
 */
export class Lifecycle {
  private readonly steps: { name: string; stop: () => Promise<unknown> }[] = []
  private stopping: Promise<void> | null = null

  onShutdown(name: string, stop: () => Promise<unknown>) {
    this.steps.push({ name, stop })
  }

  get shuttingDown() {
    return this.stopping !== null
  }

  shutdown(log: (msg: string) => void = () => undefined): Promise<void> {
    this.stopping ??= (async () => {
      for (const step of this.steps.reverse()) {
        const started = performance.now()
        try {
          await step.stop()
          log(`stopped ${step.name} in ${Math.round(performance.now() - started)} ms`)
        } catch (err) {
          log(`stopping ${step.name} failed: ${err instanceof Error ? err.message : String(err)}`)
        }
      }
    })()
    return this.stopping
  }

  /**
   * SIGINT/SIGTERM run the shutdown, then exit; a second signal or a hung step forces the exit.
   * One Ctrl-C arrives more than once (the terminal signals the whole group, npm and tsx relay it),
   * so a repeat within REPEAT_MS is the same request, not the impatient second one.
   */
  handleSignals(log: (msg: string) => void, graceMs = 20_000) {
    let firstAt = 0
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.shuttingDown) {
        if (Date.now() - firstAt < REPEAT_MS) return
        process.exit(1)
      }
      firstAt = Date.now()
      log(`${signal}: shutting down`)
      setTimeout(() => process.exit(1), graceMs).unref()
      void this.shutdown(log).then(() => process.exit(0))
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  }
}
