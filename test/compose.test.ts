import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../src/config/env.ts'

// No Docker engine runs here: check the file's shape and that its variables are ones we read.
describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, unknown>; healthcheck?: unknown; command?: string[]; depends_on?: Record<string, unknown> }>
  }

  it('runs postgres, redis, api and worker, each checked for health where others wait on it', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis', 'worker'])
    for (const name of ['postgres', 'redis', 'api']) expect(compose.services[name]!.healthcheck, name).toBeTruthy()
    expect(compose.services.api!.command).toEqual(['npm', 'start'])
    expect(compose.services.worker!.command).toEqual(['npm', 'run', 'worker'])
    expect(Object.keys(compose.services.worker!.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'redis']))
  })

  it('gives api and worker the same, valid configuration', () => {
    for (const name of ['api', 'worker']) {
      const env = Object.fromEntries(
        Object.entries(compose.services[name]!.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-(.*)\}/, '$1')]),
      )
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SEAT_LOCK_EXPIRY', 'PAYMENT_TIMEOUT', 'MAX_SEATS_PER_BOOKING']) {
        expect(env[key], `${name}.${key}`).toBeTruthy()
      }
      const config = loadConfig(env)
      expect(config.env).toBe('production')
      expect(config.databaseUrl).toMatch(/@postgres:5432\//)
      expect(config.redisUrl).toBe('redis://redis:6379')
    }
  })
})
