import type { Context } from '../context.ts'
import { logIn, signUp } from '../domain/auth/accounts.ts'

/** signUp always makes a USER: ADMIN comes only from `npm run admin:create`, never from the API. */
export async function signUpResolver(ctx: Context, input: { email: string; password: string; name: string }) {
  await ctx.services.limits.signUp(ctx.ip)
  const account = await signUp(ctx.prisma, input)
  return { token: await ctx.services.tokens.issue(account), userId: account.id }
}

export async function logInResolver(ctx: Context, input: { email: string; password: string }) {
  const account = await ctx.services.limits.logIn(ctx.ip, input.email, () => logIn(ctx.prisma, input))
  return { token: await ctx.services.tokens.issue(account), userId: account.id }
}
