import { createHash } from 'node:crypto'

/**
 * A deterministic UUID (RFC 9562 version 8) for a piece of text. Generated ids are versions 4 and
 * 7, so a hashed id never collides with one; callers prefix the text with their purpose.
 */
export function hashedUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}
