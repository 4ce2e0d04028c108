import pg from 'pg'
import { TokenService } from '../../src/domain/auth/tokens.ts'
import { toGlobalId } from '../../src/schema/global-id.ts'
import type { BenchStack } from './stack.ts'

export interface SeededShow {
  id: string
  globalId: string
  /** Ordered by row, then number. */
  seats: { id: string; globalId: string; seatNumber: string }[]
}

export interface SeededUser {
  id: string
  token: string
}

/** Runs `fn` with a plain pg connection to the run's database (seeding and checks, not the app). */
export async function withDb<T>(stack: BenchStack, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: stack.databaseUrl })
  await db.connect()
  try {
    return await fn(db)
  } finally {
    await db.end()
  }
}

/**
 * Shows a day ahead, each with `seatsPerShow` seats in rows A.. of `perRow`, inserted set-wise in
 * SQL: tens of thousands of seats take a second, where one Prisma call per show would take minutes.
 */
export async function createShows(stack: BenchStack, count: number, seatsPerShow: number, perRow = 20): Promise<SeededShow[]> {
  if (Math.ceil(seatsPerShow / perRow) > 26) throw new Error('at most 26 rows of seats per show')
  return withDb(stack, async (db) => {
    await db.query('BEGIN')
    const { rows: [ids] } = await db.query<{ movie: string; theater: string }>(`
      WITH m AS (INSERT INTO movies (id, title, duration_minutes) VALUES (gen_random_uuid(), 'Bench Film', 100) RETURNING id),
           t AS (INSERT INTO theaters (id, name, city) VALUES (gen_random_uuid(), 'Bench Hall', 'Benchville') RETURNING id)
      SELECT m.id AS movie, t.id AS theater FROM m, t`)
    const { rows: shows } = await db.query<{ id: string }>(
      `INSERT INTO shows (id, movie_id, theater_id, start_time, price_amount, currency, available_seats, total_seats)
       SELECT gen_random_uuid(), $1, $2, now() + interval '1 day' + i * interval '1 minute', 1000, 'EUR', $3, $3
         FROM generate_series(1, $4) i RETURNING id`,
      [ids!.movie, ids!.theater, seatsPerShow, count],
    )
    const { rows: seats } = await db.query<{ id: string; show_id: string; seat_number: string }>(
      `INSERT INTO seats (id, show_id, seat_number, row, number)
       SELECT gen_random_uuid(), s.id, chr(65 + k / $2) || (k % $2 + 1), chr(65 + k / $2), k % $2 + 1
         FROM unnest($1::uuid[]) s(id), generate_series(0, $3 - 1) k
       RETURNING id, show_id, seat_number`,
      [shows.map((s) => s.id), perRow, seatsPerShow],
    )
    await db.query('COMMIT')
    const byShow = new Map(shows.map((s) => [s.id, [] as SeededShow['seats']]))
    for (const s of seats) byShow.get(s.show_id)!.push({ id: s.id, globalId: toGlobalId('Seat', s.id), seatNumber: s.seat_number })
    return shows.map((s) => ({ id: s.id, globalId: toGlobalId('Show', s.id), seats: byShow.get(s.id)! }))
  })
}

/** Accounts with bearer tokens signed with the run's secret (no password hashing: nobody logs in). */
export async function createUsers(stack: BenchStack, count: number): Promise<SeededUser[]> {
  const { rows } = await withDb(stack, (db) =>
    db.query<{ id: string }>(
      `INSERT INTO users (id, email, password_hash, name)
       SELECT gen_random_uuid(), 'bench-' || i || '-' || md5(random()::text) || '@bench.dev', '-', 'Bench ' || i
         FROM generate_series(1, $1) i RETURNING id`,
      [count],
    ),
  )
  const tokens = new TokenService(stack.env.JWT_SECRET!, 3600)
  return Promise.all(rows.map(async ({ id }) => ({ id, token: await tokens.issue({ id, role: 'USER' }) })))
}
