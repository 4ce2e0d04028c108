import { jwtVerify, SignJWT, errors } from 'jose'
import type { Viewer } from '../../context.ts'

const ISSUER = 'seatgraph'

/** Verified tokens kept (until they expire) so a busy client is not re-verified per request. */
const CACHE_LIMIT = 10_000

export class TokenService {
  /** Imported once: jose would otherwise import a raw secret again on every sign and verify. */
  private readonly key: Promise<CryptoKey>
  private readonly verified = new Map<string, { viewer: Viewer; expiresAt: number }>()

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  }

  async issue(viewer: Viewer): Promise<string> {
    return new SignJWT({ role: viewer.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(await this.key)
  }

  /** The viewer a token names, or the reason it is not acceptable. */
  async verify(token: string): Promise<{ viewer: Viewer } | { error: string }> {
    const hit = this.verified.get(token)
    if (hit && hit.expiresAt > Date.now()) return { viewer: hit.viewer }
    if (hit) this.verified.delete(token)
    try {
      const { payload } = await jwtVerify(token, await this.key, { issuer: ISSUER, algorithms: ['HS256'] })
      const role = payload.role === 'ADMIN' ? 'ADMIN' : 'USER'
      if (!payload.sub) return { error: 'Invalid token.' }
      const viewer: Viewer = { id: payload.sub, role }
      if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!)
      this.verified.set(token, { viewer, expiresAt: (payload.exp ?? 0) * 1000 })
      return { viewer }
    } catch (err) {
      return { error: err instanceof errors.JWTExpired ? 'Token expired; log in again.' : 'Invalid token.' }
    }
  }
}

/** The token in an `Authorization: Bearer <token>` value, if that is its shape. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
