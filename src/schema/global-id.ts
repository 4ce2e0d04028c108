import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay'
import { ValidationError } from '../domain/errors.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type NodeTypeName = 'User' | 'Movie' | 'Theater' | 'Show' | 'Seat' | 'Booking' | 'Payment'

export const toGlobalId = (type: NodeTypeName, id: string) => encodeGlobalID(type, id)

/** The database id inside a global id, or null when it is malformed or of another type. */
export function parseGlobalId(globalId: string, type: NodeTypeName): string | null {
  const decoded = decodeAny(globalId)
  return decoded && decoded.typename === type ? decoded.id : null
}

export function decodeAny(globalId: string): { typename: NodeTypeName; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null
  try {
    const { typename, id } = decodeGlobalID(globalId)
    return UUID.test(id) ? { typename: typename as NodeTypeName, id: id.toLowerCase() } : null
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
