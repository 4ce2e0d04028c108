/**
 * Expected failures of the domain. They travel as data in mutation results (src/schema/errors.ts
 * maps each class to its GraphQL type); anything else that is thrown is a bug and gets masked.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'TOO_MANY_SEATS'
  | 'SHOW_NOT_FOUND'
  | 'SEAT_NOT_FOUND'
  | 'SHOW_STARTED'
  | 'SEATS_UNAVAILABLE'
  | 'BOOKING_NOT_FOUND'
  | 'INVALID_STATE'
  | 'HOLD_EXPIRED'
  | 'RATE_LIMITED'

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** RATE_LIMITED: when trying again may succeed. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super('VALIDATION', message)
    this.name = 'ValidationError'
  }
}

/** Seats somebody else holds or bought; `seatIds` are raw database ids. */
export class SeatsUnavailableError extends DomainError {
  constructor(readonly seatIds: string[]) {
    super('SEATS_UNAVAILABLE', `${seatIds.length === 1 ? 'A seat is' : 'Some seats are'} no longer available.`)
    this.name = 'SeatsUnavailableError'
  }
}

export const bookingNotFound = () => new DomainError('BOOKING_NOT_FOUND', 'No such booking.')

/** INVALID_STATE for a booking in `status` (e.g. PAYMENT_FAILED) asked to be `done` (e.g. 'cancelled'). */
export function invalidState(status: string, done: string): DomainError {
  const words = status.toLowerCase().replace('_', ' ')
  return new DomainError('INVALID_STATE', `${/^[aeiou]/.test(words) ? 'An' : 'A'} ${words} booking cannot be ${done}.`)
}
