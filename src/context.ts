import type { Db } from './db/client.ts'
import type { Services } from './services.ts'
import type { Loaders } from './schema/loaders.ts'

export interface Viewer {
  id: string
  role: 'USER' | 'ADMIN'
}

/** Built fresh for every HTTP request and every WebSocket connection. */
export interface Context {
  services: Services
  prisma: Db
  viewer: Viewer | null
  /** Why a presented token was rejected, for the UNAUTHENTICATED message. */
  authError: string | null
  requestId: string
  loaders: Loaders
  /** Client address, for per-IP limits. */
  ip: string
  /** The seat-map version of every show this operation read, for answers cached per version. */
  readVersions: Map<string, number>
  /**
   * Whether the viewer is an admin now: the token's role claim, confirmed against the account
   * (once per request), so a demoted or deleted admin loses the powers at once, not at expiry.
   */
  isAdmin(): Promise<boolean>
}
