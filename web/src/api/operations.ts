import { graphql } from '../gql/index.js'

/** Every operation the seat picker sends; `npm run codegen` types them into ../gql. */

export const LogIn = graphql(`
  mutation PickerLogIn($input: LogInInput!) {
    logIn(input: $input) {
      __typename
      ... on AuthSuccess { token user { id name email } }
      ... on ValidationError { code message field }
    }
  }
`)

export const UpcomingShows = graphql(`
  query PickerShows {
    shows(first: 50) {
      edges {
        node {
          id
          startTime
          availableSeats
          totalSeats
          price { amount currency }
          movie { title durationMinutes }
          theater { name city }
        }
      }
    }
  }
`)

export const ShowWithSeatMap = graphql(`
  query PickerShow($id: ID!) {
    show(id: $id) {
      id
      startTime
      price { amount currency }
      movie { title }
      theater { name city }
      seatMap { version seats { id seatNumber row number status heldByViewer } }
    }
  }
`)

export const BookingFields = graphql(`
  fragment PickerBooking on Booking {
    id
    status
    bookingCode
    expiresAt
    totalAmount { amount currency }
    payment { status }
    seats { id seatNumber }
    show { id startTime movie { title } theater { name } }
  }
`)

// Fields spelled out rather than spread: the server's cost limit prices a fragment spread inside
// a connection far above the same fields written inline.
export const MyBookings = graphql(`
  query PickerMyBookings($status: [BookingStatus!], $after: String) {
    myBookings(first: 20, after: $after, status: $status) {
      edges {
        node {
          id
          status
          bookingCode
          expiresAt
          totalAmount { amount currency }
          payment { status }
          seats { id seatNumber }
          show { id startTime movie { title } theater { name } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`)

export const BookingById = graphql(`
  query PickerBookingById($id: ID!) {
    booking(id: $id) { ...PickerBooking }
  }
`)

export const BookSeats = graphql(`
  mutation PickerBookSeats($input: BookSeatsInput!) {
    bookSeats(input: $input) {
      __typename
      ... on BookSeatsSuccess { booking { ...PickerBooking } }
      ... on SeatsUnavailableError { code message seatIds }
      ... on Error { code message }
    }
  }
`)

export const ConfirmBooking = graphql(`
  mutation PickerConfirmBooking($input: ConfirmBookingInput!) {
    confirmBooking(input: $input) {
      __typename
      ... on ConfirmBookingSuccess { booking { ...PickerBooking } }
      ... on Error { code message }
    }
  }
`)

export const CancelBooking = graphql(`
  mutation PickerCancelBooking($input: CancelBookingInput!) {
    cancelBooking(input: $input) {
      __typename
      ... on CancelBookingSuccess { booking { ...PickerBooking } }
      ... on Error { code message }
    }
  }
`)

export const SeatMapChanges = graphql(`
  subscription PickerSeatMap($showId: ID!, $sinceVersion: Int) {
    seatMap(showId: $showId, sinceVersion: $sinceVersion) {
      version
      reason
      seats { seatId seatNumber status }
    }
  }
`)

export const BookingUpdates = graphql(`
  subscription PickerBookingUpdates($bookingId: ID!) {
    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { ...PickerBooking }
  }
`)
