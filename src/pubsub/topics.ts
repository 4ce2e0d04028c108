/**
 * The typed topic map. Payloads cross Redis as JSON, so they are small facts (raw database ids,
 * statuses, versions, ISO timestamps) and the GraphQL layer turns them into types.
 *
 * Channels: `<prefix>:seatmap:<showId>` and `<prefix>:booking:<bookingId>`.
 */
export type SeatStatus = 'AVAILABLE' | 'LOCKED' | 'BOOKED'
export type SeatChangeReason = 'LOCKED' | 'BOOKED' | 'RELEASED' | 'EXPIRED' | 'CANCELLED'

export interface SeatChangeFact {
  seatId: string
  seatNumber: string
  status: SeatStatus
}

/** One committed change of a show's seat map; `version` is the map's version after it. */
export interface SeatMapEventFact {
  showId: string
  version: number
  reason: SeatChangeReason
  seats: SeatChangeFact[]
  at: string
}

/** A booking or its payment changed status; subscribers reload the booking they may see. */
export interface BookingUpdatedFact {
  bookingId: string
  status: string
  paymentStatus: string
}

export interface Topics {
  seatmap: SeatMapEventFact
  booking: BookingUpdatedFact
}

export type Topic = keyof Topics
