import { graphql } from '../gql/index.ts'

/** The operations the booking tests share (typed by codegen from these documents). */
export const BookSeats = graphql(`
  mutation BookSeats($input: BookSeatsInput!) {
    bookSeats(input: $input) {
      __typename
      ... on BookSeatsSuccess {
        booking {
          id
          status
          expiresAt
          createdAt
          totalAmount { amount currency }
          payment { id orderId status expiresAt amount { amount currency } }
          seats { id seatNumber status heldByViewer }
          show { id availableSeats }
          user { id }
        }
      }
      ... on SeatsUnavailableError { seatIds }
      ... on ValidationError { field }
      ... on Error { code message }
    }
  }
`)

export const ConfirmBooking = graphql(`
  mutation ConfirmBooking($input: ConfirmBookingInput!) {
    confirmBooking(input: $input) {
      __typename
      ... on ConfirmBookingSuccess { booking { id status payment { status } } }
      ... on ValidationError { field }
      ... on Error { code message }
    }
  }
`)

export const CancelBooking = graphql(`
  mutation CancelBooking($input: CancelBookingInput!) {
    cancelBooking(input: $input) {
      __typename
      ... on CancelBookingSuccess { booking { id status payment { status } seats { status } } }
      ... on Error { code message }
    }
  }
`)

export const BookingById = graphql(`
  query BookingById($id: ID!) {
    booking(id: $id) { id status bookingCode payment { status } seats { seatNumber status } expiresAt }
  }
`)

export const SeatMapOf = graphql(`
  query SeatMapOf($id: ID!) {
    show(id: $id) { availableSeats seatMap { version seats { id seatNumber status heldByViewer } } }
  }
`)
