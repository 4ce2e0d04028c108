import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config/env.ts'

describe('config', () => {
  it('has working defaults: embedded mode on port 4000', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 4000, seatLockExpiryMs: 300_000, paymentTimeoutMs: 300_000, maxSeatsPerBooking: 10, env: 'development' })
    expect(c.databaseUrl).toBeUndefined()
    expect(c.redisUrl).toBeUndefined()
  })

  it('takes fractions of a minute for SEAT_LOCK_EXPIRY, so tests can use seconds', () => {
    expect(loadConfig({ SEAT_LOCK_EXPIRY: '0.05' }).seatLockExpiryMs).toBe(3000)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(4000)
  })

  it('reports every bad variable at once, naming it and why', () => {
    let error: ConfigError | undefined
    try {
      loadConfig({ MAX_SEATS_PER_BOOKING: 'abc', PORT: '-1', DATABASE_URL: 'mysql://x', SEAT_LOCK_EXPIRY: '0' })
    } catch (e) {
      error = e as ConfigError
    }
    expect(error).toBeInstanceOf(ConfigError)
    const vars = error!.problems.map((p) => p.split(':')[0])
    expect(vars.sort()).toEqual(['DATABASE_URL', 'MAX_SEATS_PER_BOOKING', 'PORT', 'SEAT_LOCK_EXPIRY'])
  })

  it('never echoes a secret or a URL password in its errors', () => {
    let error: ConfigError | undefined
    try {
      loadConfig({
        DATABASE_URL: 'postgres://app:S3cretPw@db:5432x/app',
        REDIS_URL: 'redis://:R3d@isPw@cache:99999',
        JWT_SECRET: 'tiny-jwt-secret',
        METRICS_TOKEN: 'tiny-token',
      })
    } catch (e) {
      error = e as ConfigError
    }
    expect(error!.message).not.toMatch(/S3cretPw|R3d|isPw|tiny-jwt-secret|tiny-token/)
    expect(error!.problems).toEqual([
      'DATABASE_URL: Invalid URL (got "postgres://app:***@db:5432x/app")',
      'REDIS_URL: Invalid URL (got "redis://:***@cache:99999")',
      'JWT_SECRET: must be at least 32 characters (got 15 characters)',
      'METRICS_TOKEN: must be at least 16 characters (got 10 characters)',
    ])
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db:5432x/app?user=app&password=Qu3ryPw' })).toThrow(/password=\*\*\*"/)
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db:badport/app?sslpassword=Ss1Pw&sslmode=require' })).toThrow(/sslpassword=\*\*\*&sslmode=require"/)
    // libpq's key=value form, and a URL whose host was forgotten (the password where a port would be).
    expect(() => loadConfig({ DATABASE_URL: 'host=db user=app password=hunter2 dbname=x' })).toThrow(/\(got "host=db user=app password=\*\*\* dbname=x"\)/)
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app:hunter2' })).toThrow(/\(got "postgres:\/\/app:\*\*\*"\)/)
  })

  it('takes CORS_ORIGINS entries only as origins a browser could send, naming each bad one', () => {
    const good = 'https://seats.example, http://localhost:5173,http://[::1]:8080, capacitor://localhost'
    expect(loadConfig({ CORS_ORIGINS: good }).corsOrigins).toEqual(['https://seats.example', 'http://localhost:5173', 'http://[::1]:8080', 'capacitor://localhost'])
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*'])
    let error: ConfigError | undefined
    try {
      loadConfig({ CORS_ORIGINS: 'notaurl,https://seats.example/,https://seats.example/app,https://Seats.Example,https://seats.example:443,seats.example:80,https://a.example' })
    } catch (e) {
      error = e as ConfigError
    }
    expect(error!.problems.map((p) => p.replace(/ \(got .*$/, ''))).toEqual([
      'CORS_ORIGINS: "notaurl" is not an origin (scheme://host[:port], nothing more)',
      'CORS_ORIGINS: "https://seats.example/" is not an origin (scheme://host[:port], nothing more); browsers send "https://seats.example"',
      'CORS_ORIGINS: "https://seats.example/app" is not an origin (scheme://host[:port], nothing more); browsers send "https://seats.example"',
      'CORS_ORIGINS: "https://Seats.Example" is not an origin (scheme://host[:port], nothing more); browsers send "https://seats.example"',
      'CORS_ORIGINS: "https://seats.example:443" is not an origin (scheme://host[:port], nothing more); browsers send "https://seats.example"',
      'CORS_ORIGINS: "seats.example:80" is not an origin (scheme://host[:port], nothing more)',
    ])
  })

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/)
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) }).jwtSecret).toHaveLength(40)
  })

  it('makes `npm start` exit non-zero before listening, naming each bad variable once', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: { PATH: process.env.PATH, MAX_SEATS_PER_BOOKING: 'abc', PORT: '-1', DATABASE_URL: 'postgres://app:S3cretPw@db:5432x/app', JWT_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr.match(/MAX_SEATS_PER_BOOKING/g)).toHaveLength(1)
    expect(run.stderr.match(/PORT/g)).toHaveLength(1)
    expect(run.stdout).not.toMatch(/GraphiQL/)
    expect(run.stderr).toMatch(/JWT_SECRET: must be at least 32 characters \(got 5 characters\)/)
    expect(run.stderr + run.stdout).not.toMatch(/S3cretPw|"short"/)
  })
})
