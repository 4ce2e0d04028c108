import { DomainError, SeatsUnavailableError, ValidationError } from '../domain/errors.ts'
import { builder } from './builder.ts'
import { toGlobalId } from './global-id.ts'

export const ErrorCode = builder.enumType('ErrorCode', {
  values: [
    'VALIDATION',
    'TOO_MANY_SEATS',
    'SHOW_NOT_FOUND',
    'SEAT_NOT_FOUND',
    'SHOW_STARTED',
    'SEATS_UNAVAILABLE',
    'BOOKING_NOT_FOUND',
    'INVALID_STATE',
    'HOLD_EXPIRED',
    'RATE_LIMITED',
  ] as const,
})

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.field({ type: ErrorCode, resolve: (e) => e.code }),
  }),
})

// Registering the classes gives the errors plugin an instanceof check for each union member.
// ValidationError and SeatsUnavailableError extend DomainError, so they are listed before it.
builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ValidationError,
  fields: (t) => ({ field: t.exposeString('field', { nullable: true }) }),
})

builder.objectType(SeatsUnavailableError, {
  name: 'SeatsUnavailableError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof SeatsUnavailableError,
  fields: (t) => ({
    seatIds: t.idList({ resolve: (e) => e.seatIds.map((id) => toGlobalId('Seat', id)) }),
  }),
})

builder.objectType(DomainError, {
  name: 'BookingError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof DomainError && !(e instanceof ValidationError) && !(e instanceof SeatsUnavailableError),
  fields: (t) => ({
    retryAfterSeconds: t.int({
      nullable: true,
      description: 'RATE_LIMITED: seconds until trying again may succeed (REST sends it as Retry-After). Null otherwise.',
      resolve: (e) => e.retryAfterSeconds,
    }),
  }),
})
