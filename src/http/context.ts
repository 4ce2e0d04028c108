import type { Context } from '../context.ts'
import { isAdminNow } from '../domain/auth/accounts.ts'
import { bearerToken } from '../domain/auth/tokens.ts'
import { createLoaders } from '../schema/loaders.ts'
import type { Services } from '../services.ts'

/** A fresh context per HTTP request and per WebSocket operation: viewer, loaders, request id. */
export async function buildContext(
  services: Services,
  auth: { authorization: string | null | undefined; ip: string; requestId?: string },
): Promise<Context> {
  let viewer: Context['viewer'] = null
  let authError: string | null = null
  const token = bearerToken(auth.authorization)
  if (auth.authorization && !token) authError = 'Authorization must be "Bearer <token>".'
  if (token) {
    const result = await services.tokens.verify(token)
    if ('viewer' in result) viewer = result.viewer
    else authError = result.error
  }
  let admin: Promise<boolean> | null = null
  const claimsAdmin = viewer?.role === 'ADMIN'
  return {
    services,
    prisma: services.prisma,
    viewer,
    authError,
    requestId: auth.requestId ?? crypto.randomUUID(),
    loaders: createLoaders(services.prisma, services.seatMapCache, viewer?.id ?? null),
    ip: auth.ip,
    readVersions: new Map(),
    isAdmin: () =>
      (admin ??= claimsAdmin
        ? isAdminNow(services.prisma, viewer!.id)
        : Promise.resolve(false)),
  }
}
