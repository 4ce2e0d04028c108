import { GraphQLError } from 'graphql'
import type { Prisma } from '../generated/prisma/client.ts'
import { parseGlobalId, type NodeTypeName } from '../schema/global-id.ts'

export interface ShowFilterInput {
  movieId?: string | null
  theaterId?: string | null
  startsAfter?: Date | null
  startsBefore?: Date | null
}

const invalid = (message: string, field: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION', field } })

function filterId(value: string | null | undefined, type: NodeTypeName, field: string) {
  if (value == null) return undefined
  const id = parseGlobalId(value, type)
  if (!id) throw invalid(`filter.${field} is not a valid ${type} id.`, `filter.${field}`)
  return id
}

/** Upcoming shows by default: a show that has started can no longer be booked. */
export function showFilterWhere(filter: ShowFilterInput | null | undefined): Prisma.ShowWhereInput {
  return {
    movieId: filterId(filter?.movieId, 'Movie', 'movieId'),
    theaterId: filterId(filter?.theaterId, 'Theater', 'theaterId'),
    startTime: { gt: filter?.startsAfter ?? new Date(), ...(filter?.startsBefore ? { lt: filter.startsBefore } : {}) },
  }
}
