import type { Context } from '../context.ts'
import { logIn, signUp } from '../domain/auth/accounts.ts'

export async function signUpResolver(ctx: Context, input: { email: string; password: string; name: string }) {
  const account = await signUp(ctx.prisma, input)
  return { token: await ctx.services.tokens.issue(account), userId: account.id }
}

export async function logInResolver(ctx: Context, input: { email: string; password: string }) {
  const account = await logIn(ctx.prisma, input)
  return { token: await ctx.services.tokens.issue(account), userId: account.id }
}
