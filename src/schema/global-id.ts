import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay'
import { ValidationError } from '../domain/errors.ts'
import { hashedUuid } from '../domain/hashed-uuid.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type NodeTypeName = 'User' | 'Movie' | 'Theater' | 'Show' | 'Seat' | 'Booking' | 'Payment'

export const toGlobalId = (type: NodeTypeName, id: string) => encodeGlobalID(type, id)

/** The database id inside a global id, or null when it is malformed or of another type. */
export function parseGlobalId(globalId: string, type: NodeTypeName): string | null {
  const decoded = decodeAny(globalId)
  return decoded && decoded.typename === type ? decoded.id : null
}

/**
 * Well-formed = decodes to `<Type>:<local id>`. A local id that is not one of our UUIDs names
 * nothing: it maps to a deterministic version-8 UUID that no row has (ours are version 7), so
 * lookups answer "not found" (or null) instead of the database rejecting the cast.
 */
export function decodeAny(globalId: string): { typename: NodeTypeName; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null
  try {
    const { typename, id } = decodeGlobalID(globalId)
    if (!/^[A-Z][A-Za-z]*$/.test(typename) || !id) return null
    return { typename: typename as NodeTypeName, id: UUID.test(id) ? id.toLowerCase() : hashedUuid(`absent|${id}`) }
  } catch {
    return null
  }
}

/** Like parseGlobalId, for inputs: a malformed id is a VALIDATION error naming the field. */
export function requireGlobalId(globalId: string, type: NodeTypeName, field: string): string {
  const id = parseGlobalId(globalId, type)
  if (!id) throw new ValidationError(`${field} is not a valid ${type} id.`, field)
  return id
}
