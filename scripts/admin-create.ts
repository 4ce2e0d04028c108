import { text } from 'node:stream/consumers'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ConfigError, loadConfig } from '../src/config/env.ts'

const USAGE = `Usage: npm run admin:create -- --email <email> [--password <password> | --password -] [--name <name>]

Creates an ADMIN account, or promotes an existing account to ADMIN (its password is replaced only
when --password is given). "--password -" reads the password from stdin, out of shell history.
The database is DATABASE_URL, or without it the embedded one in DATA_DIR (stop \`npm start\` first).
Admin passwords: 12+ characters mixing three of lower case, upper case, digits and symbols
(or 20+ characters of any kind), without the email's name or a common word.`

const COMMON = ['password', 'passwort', 'admin', 'seatgraph', 'qwerty', 'azerty', 'letmein', 'welcome', '123456', 'abc123', 'changeme']

/** Why a password is unfit for an admin account (stricter than signUp's rules for users). */
function adminPasswordProblems(password: string, email: string): string[] {
  const problems: string[] = []
  if (password.length < 12) problems.push('at least 12 characters')
  if (password.length > 200) problems.push('at most 200 characters')
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length
  if (password.length < 20 && classes < 3) problems.push('three of: lower case, upper case, digits, symbols (or 20+ characters)')
  const lower = password.toLowerCase()
  const local = email.split('@')[0]!.toLowerCase()
  if (local.length >= 3 && lower.includes(local)) problems.push('not the name of the email address')
  if (COMMON.some((word) => lower.includes(word))) problems.push('no common word such as "password" or "admin"')
  if (/^(.)\1*$/.test(password)) problems.push('not one repeated character')
  return problems
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  })
  if (values.help || !values.email) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  const email = z.string().trim().toLowerCase().max(254).pipe(z.email()).safeParse(values.email)
  if (!email.success) {
    console.error(`Not an email address: ${values.email}`)
    return 2
  }
  const password = values.password === '-' ? (await text(process.stdin)).replace(/\r?\n$/, '') : values.password
  if (password !== undefined) {
    const problems = adminPasswordProblems(password, email.data)
    if (problems.length) {
      console.error(`Refused: the password is too weak. It needs ${problems.join('; ')}.`)
      return 1
    }
  }
  const name = (values.name ?? 'Administrator').trim().slice(0, 100) || 'Administrator'

  const config = loadConfig()
  // Loaded only now, so that usage and password mistakes are answered at once.
  const [{ createPrisma }, { migrateDatabase }, { hashPassword }, { startEmbeddedServices }, { createLogger }] = await Promise.all([
    import('../src/db/client.ts'),
    import('../src/db/migrate.ts'),
    import('../src/domain/auth/accounts.ts'),
    import('../src/embedded/services.ts'),
    import('../src/logger.ts'),
  ])
  const embedded = config.databaseUrl ? null : await startEmbeddedServices(config.dataDir, createLogger({ logLevel: 'warn' }))
  const databaseUrl = config.databaseUrl ?? embedded!.databaseUrl
  try {
    if (embedded) await migrateDatabase(databaseUrl)
    const prisma = createPrisma(databaseUrl, { poolSize: 1 })
    try {
      const existing = await prisma.user.findUnique({ where: { email: email.data }, select: { id: true, role: true } })
      if (!existing && password === undefined) {
        console.error(`No account ${email.data} yet: give --password to create it.`)
        return 1
      }
      const passwordHash = password === undefined ? undefined : await hashPassword(password)
      if (existing) {
        const changes = { role: 'ADMIN' as const, ...(passwordHash ? { passwordHash } : {}), ...(values.name ? { name } : {}) }
        await prisma.user.update({ where: { id: existing.id }, data: changes })
      } else {
        await prisma.user.create({ data: { email: email.data, name, role: 'ADMIN', passwordHash: passwordHash! } })
      }
      const what = !existing ? 'created' : existing.role === 'ADMIN' ? 'was already an admin; updated' : 'promoted to ADMIN'
      console.log(`${email.data}: ${what}.`)
      return 0
    } finally {
      await prisma.$disconnect()
    }
  } finally {
    await embedded?.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `admin:create failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
