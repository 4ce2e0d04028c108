import { hash, verify } from '@node-rs/argon2'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import { ValidationError } from '../errors.ts'

export interface Account {
  id: string
  role: 'USER' | 'ADMIN'
}

const email = z.string().trim().toLowerCase().max(254).pipe(z.email())
const password = z.string().min(8, 'Password must be at least 8 characters.').max(200, 'Password is too long.')
const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is too long.')
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), 'Name must not contain control characters.')

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new ValidationError(r.error.issues[0]?.message ?? `Invalid ${field}.`, field)
  return r.data
}

export const hashPassword = (plain: string) => hash(plain)

export async function signUp(prisma: Db, input: { email: string; password: string; name: string }): Promise<Account> {
  const address = parse(email, input.email, 'email')
  const displayName = parse(name, input.name, 'name')
  const plain = parse(password, input.password, 'password')
  if (/^(.)\1*$/.test(plain) || /^(password|12345678|qwerty)/i.test(plain) || plain.toLowerCase() === address) {
    throw new ValidationError('Password is too easy to guess.', 'password')
  }
  const data = { email: address, name: displayName, passwordHash: await hashPassword(plain) }
  try {
    return await prisma.user.create({ data, select: { id: true, role: true } })
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new ValidationError('An account with this email already exists.', 'email')
    }
    throw err
  }
}

// Verifying against a real hash when the email is unknown keeps both failures equally slow.
let decoy: Promise<string> | null = null

export async function logIn(prisma: Db, input: { email: string; password: string }): Promise<Account> {
  const address = email.safeParse(input.email)
  const user = address.success
    ? await prisma.user.findUnique({ where: { email: address.data }, select: { id: true, role: true, passwordHash: true } })
    : null
  decoy ??= hash('not-a-real-password')
  // No password over 200 characters was ever accepted, so a longer one is wrong; it is still
  // verified (cut to the limit, to bound the hashing work) so that it takes as long as any other.
  const given = String(input.password ?? '')
  const ok = await verify(user?.passwordHash ?? (await decoy), given.slice(0, 200)).catch(() => false)
  if (!user || !ok || given.length > 200) throw new ValidationError('Invalid email or password.')
  return { id: user.id, role: user.role }
}

/**
 * Whether the account is an admin now. A token's role claim is as old as the token: admin powers
 * are confirmed here, so a demoted or deleted admin loses them at once.
 */
export async function isAdminNow(prisma: Db, userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { role: true } })
  return user?.role === 'ADMIN'
}
