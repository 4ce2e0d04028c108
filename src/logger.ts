import { pino, type Logger } from 'pino'
import type { Config } from './config/env.ts'

export type { Logger }

export function createLogger(config: Pick<Config, 'logLevel'>, name = 'seatgraph'): Logger {
  return pino({ name, level: config.logLevel, base: { pid: process.pid } })
}
