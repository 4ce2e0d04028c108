import { DomainError, SeatsUnavailableError, ValidationError } from '../domain/errors.ts'
import {
  bookSeatsResolver,
  cancelBookingResolver,
  confirmBookingResolver,
  findVisibleBooking,
  myBookingsWhere,
  successBooking,
  type MutatedBooking,
} from '../resolvers/booking.ts'
import { checkPage, cursorRow, keyset } from '../resolvers/pages.ts'
import { builder } from './builder.ts'
import { Money } from './scalars.ts'
import { Seat } from './seat.ts'

export const BookingStatus = builder.enumType('BookingStatus', {
  values: ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'PAYMENT_FAILED'] as const,
})
export const PaymentStatus = builder.enumType('PaymentStatus', {
  values: ['PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'REFUNDED'] as const,
})

builder.prismaNode('Payment', {
  id: { field: 'id' },
  fields: (t) => ({
    orderId: t.exposeString('orderId'),
    amount: t.field({ type: Money, select: { amount: true, currency: true }, resolve: (p) => ({ amount: p.amount, currency: p.currency }) }),
    status: t.field({ type: PaymentStatus, select: { status: true }, resolve: (p) => p.status }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

export const Booking = builder.prismaNode('Booking', {
  id: { field: 'id' },
  fields: (t) => ({
    user: t.relation('user'),
    show: t.relation('show'),
    seats: t.field({
      type: [Seat],
      select: { seats: { select: { seat: true } } },
      resolve: (b) =>
        b.seats.map((s) => s.seat).sort((x, y) => x.row.localeCompare(y.row) || x.number - y.number),
    }),
    status: t.field({ type: BookingStatus, select: { status: true }, resolve: (b) => b.status }),
    bookingCode: t.exposeString('bookingCode', { nullable: true, description: 'Set once CONFIRMED.' }),
    totalAmount: t.field({
      type: Money,
      select: { totalAmount: true, currency: true },
      resolve: (b) => ({ amount: b.totalAmount, currency: b.currency }),
    }),
    payment: t.relation('payment', { nullable: false } as never),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When an unpaid booking releases its seats.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.queryFields((t) => ({
  booking: t.prismaField({
    type: 'Booking',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    description: "The viewer's own booking (admins: any); otherwise null.",
    resolve: (query, _root, args, ctx) => findVisibleBooking(ctx, args.id, query),
  }),
  myBookings: t.prismaConnection({
    type: 'Booking',
    cursor: 'id',
    maxSize: 100,
    authScopes: { loggedIn: true },
    args: { status: t.arg({ type: [BookingStatus] }) },
    description: "The viewer's bookings, newest first.",
    resolve: async (query, _root, args, ctx) => {
      checkPage(args)
      const at = await cursorRow(query, args.after ? 'after' : 'before', (id) =>
        ctx.prisma.booking
          .findFirst({ where: { id, userId: ctx.viewer?.id }, select: { id: true, createdAt: true } })
          .then((b) => b && { id: b.id, key: b.createdAt }),
      )
      const { page, where } = keyset(query, at, 'createdAt', 'desc')
      return ctx.prisma.booking.findMany({ ...page, where: { AND: [myBookingsWhere(ctx, args.status), where] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
    },
  }, { name: 'BookingConnection' }, { name: 'BookingEdge' }),
}))

const BookSeatsInput = builder.inputType('BookSeatsInput', {
  fields: (t) => ({
    showId: t.id({ required: true }),
    seatIds: t.idList({ required: true }),
    idempotencyKey: t.string({ description: 'A retry with the same key returns the first result and holds nothing new.' }),
  }),
})
const ConfirmBookingInput = builder.inputType('ConfirmBookingInput', {
  fields: (t) => ({
    bookingId: t.id({ required: true }),
    paymentToken: t.string({ required: true, description: 'Gateway token; the test gateway declines "tok_decline".' }),
    idempotencyKey: t.string(),
  }),
})
const CancelBookingInput = builder.inputType('CancelBookingInput', {
  fields: (t) => ({ bookingId: t.id({ required: true }) }),
})

/**
 * `<Name>Success { booking }`: the mutation answers the booking id, and `booking` loads it with
 * exactly the selection the client asked for (one Prisma query with its relations), unless the
 * row the mutation wrote already answers it.
 */
function successType(name: string) {
  return builder.objectRef<MutatedBooking>(`${name}Success`).implement({
    isTypeOf: (v) => typeof v === 'object' && v !== null && 'bookingId' in v,
    fields: (t) => ({
      booking: t.prismaField({
        type: 'Booking',
        resolve: (query, parent, _args, ctx) => successBooking(ctx, parent, query),
      }),
    }),
  })
}

const result = (name: string, types: (typeof DomainError)[]) => ({ types, union: { name: `${name}Result` }, directResult: true as const })

builder.mutationFields((t) => ({
  bookSeats: t.field({
    type: successType('BookSeats'),
    authScopes: { loggedIn: true },
    errors: result('BookSeats', [SeatsUnavailableError, DomainError, ValidationError] as never),
    args: { input: t.arg({ type: BookSeatsInput, required: true }) },
    resolve: (_root, { input }, ctx) => bookSeatsResolver(ctx, input),
  }),
  confirmBooking: t.field({
    type: successType('ConfirmBooking'),
    authScopes: { loggedIn: true },
    errors: result('ConfirmBooking', [DomainError, ValidationError] as never),
    args: { input: t.arg({ type: ConfirmBookingInput, required: true }) },
    description: 'Payment now PROCESSING; the outcome arrives by bookingUpdated.',
    resolve: (_root, { input }, ctx) => confirmBookingResolver(ctx, input),
  }),
  cancelBooking: t.field({
    type: successType('CancelBooking'),
    authScopes: { loggedIn: true },
    errors: result('CancelBooking', [DomainError, ValidationError] as never),
    args: { input: t.arg({ type: CancelBookingInput, required: true }) },
    description: 'PENDING_PAYMENT, or CONFIRMED before the show starts (refunded).',
    resolve: (_root, { input }, ctx) => cancelBookingResolver(ctx, input),
  }),
}))
