import type pg from 'pg'

/** A parameterised statement built by the `sql` tag: `$1…$n` in place of the interpolations. */
export interface Statement {
  text: string
  values: unknown[]
}

// A call site's template strings are one frozen array for the life of the process, so its text
// is joined once, however often the statement runs.
const texts = new WeakMap<TemplateStringsArray, string>()

/** `sql\`SELECT … WHERE id = ${id}::uuid\``: values travel as parameters, never as text. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  let text = texts.get(strings)
  if (text === undefined) {
    text = strings.reduce((joined, part, i) => `${joined}$${i}${part}`)
    texts.set(strings, text)
  }
  return { text, values }
}

/**
 * The hot path's statements (hold, confirm, payment read, settle, the gateway's ledger) run on the
 * pool Prisma uses, through pg itself: Prisma's raw-query layer cost about a quarter of a
 * millisecond of CPU per statement, more than the payment worker's own code. Everything else goes
 * through Prisma. Rows come with pg's types: cast counts to int, as the statements do.
 */
export interface Sql {
  rows<R>(statement: Statement): Promise<R[]>
}

export interface SqlOptions {
  /** Named statements: parsed and planned once per connection (see config). */
  named: boolean
  onQuery?: (text: string) => void
}

export function createSql(pool: pg.Pool, { named, onQuery }: SqlOptions): Sql {
  const nameOf = named ? statementNames('sq') : () => undefined
  return {
    async rows<R>({ text, values }: Statement) {
      onQuery?.(text)
      const result = await pool.query({ name: nameOf(text), text, values })
      return result.rows as R[]
    },
  }
}

/**
 * Names statements so that each connection parses and plans a statement once and then only binds
 * and executes it, as Prisma's former engine did with its statement cache: parsing and planning
 * were most of PostgreSQL's CPU per payment. Texts beyond the bound (generated IN-lists) stay
 * unnamed, so the cache cannot grow without end. `prefix` keeps two namers on one pool apart.
 */
export function statementNames(prefix: string, limit = 500) {
  const names = new Map<string, string>()
  return (text: string): string | undefined => {
    let name = names.get(text)
    if (name === undefined && names.size < limit) names.set(text, (name = `${prefix}_${names.size}`))
    return name
  }
}
