import { createHmac, timingSafeEqual } from 'node:crypto'
import { SignJWT } from 'jose'
import type { Viewer } from '../../context.ts'

const ISSUER = 'seatgraph'

/** Verified tokens kept (until they expire) so a busy client is not re-verified per request. */
const CACHE_LIMIT = 10_000

export class TokenService {
  private readonly key: Uint8Array
  private readonly secret: Buffer
  private readonly verified = new Map<string, { viewer: Viewer; expiresAt: number }>()

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret)
    this.secret = Buffer.from(this.key)
  }

  issue(viewer: Viewer): Promise<string> {
    return new SignJWT({ role: viewer.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key)
  }

  /** The viewer a token names, or the reason it is not acceptable. */
  async verify(token: string): Promise<{ viewer: Viewer } | { error: string }> {
    const hit = this.verified.get(token)
    if (hit && hit.expiresAt > Date.now()) return { viewer: hit.viewer }
    if (hit) this.verified.delete(token)
    const claims = this.verifiedClaims(token)
    if ('error' in claims) return claims
    const role = claims.role === 'ADMIN' ? 'ADMIN' : 'USER'
    const viewer: Viewer = { id: claims.sub, role }
    if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!)
    this.verified.set(token, { viewer, expiresAt: claims.exp * 1000 })
    return { viewer }
  }

  /**
   * HS256 verified synchronously with node:crypto: WebCrypto's asynchronous HMAC (jose's
   * jwtVerify) cost more CPU per request than the rest of authentication together, and most
   * tokens are seen once. Checks what jwtVerify checked: the header names HS256 and nothing
   * critical, the signature, the issuer, a subject, expiry and not-before (no clock tolerance).
   */
  private verifiedClaims(token: string): { sub: string; exp: number; role?: unknown } | { error: string } {
    const invalid = { error: 'Invalid token.' }
    const parts = token.split('.')
    if (parts.length !== 3) return invalid
    const [header, payload, signature] = parts as [string, string, string]
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest()
    const given = Buffer.from(signature, 'base64url')
    // Buffer skips characters outside base64url; only the canonical spelling is this signature.
    if (given.length !== expected.length || given.toString('base64url') !== signature || !timingSafeEqual(given, expected)) return invalid
    const head = parseJson(header)
    if (head?.alg !== 'HS256' || 'crit' in head) return invalid
    const claims = parseJson(payload)
    if (!claims || claims.iss !== ISSUER || typeof claims.sub !== 'string' || !claims.sub) return invalid
    const now = Math.floor(Date.now() / 1000)
    if (typeof claims.exp !== 'number' || (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now))) return invalid
    if (claims.exp <= now) return { error: 'Token expired; log in again.' }
    return { sub: claims.sub, exp: claims.exp, role: claims.role }
  }
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The token in an `Authorization: Bearer <token>` value, if that is its shape. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
