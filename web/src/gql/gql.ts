/* eslint-disable */
import * as types from './graphql.js';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation PickerLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      __typename\n      ... on AuthSuccess { token user { id name email } }\n      ... on ValidationError { code message field }\n    }\n  }\n": typeof types.PickerLogInDocument,
    "\n  query PickerShows {\n    shows(first: 50) {\n      edges {\n        node {\n          id\n          startTime\n          availableSeats\n          totalSeats\n          price { amount currency }\n          movie { title durationMinutes }\n          theater { name city }\n        }\n      }\n    }\n  }\n": typeof types.PickerShowsDocument,
    "\n  query PickerShow($id: ID!) {\n    show(id: $id) {\n      id\n      startTime\n      price { amount currency }\n      movie { title }\n      theater { name city }\n      seatMap { version seats { id seatNumber row number status heldByViewer } }\n    }\n  }\n": typeof types.PickerShowDocument,
    "\n  fragment PickerBooking on Booking {\n    id\n    status\n    bookingCode\n    expiresAt\n    totalAmount { amount currency }\n    payment { status }\n    seats { id seatNumber }\n    show { id startTime movie { title } theater { name } }\n  }\n": typeof types.PickerBookingFragmentDoc,
    "\n  query PickerMyBookings($status: [BookingStatus!], $after: String) {\n    myBookings(first: 20, after: $after, status: $status) {\n      edges {\n        node {\n          id\n          status\n          bookingCode\n          expiresAt\n          totalAmount { amount currency }\n          payment { status }\n          seats { id seatNumber }\n          show { id startTime movie { title } theater { name } }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PickerMyBookingsDocument,
    "\n  query PickerBookingById($id: ID!) {\n    booking(id: $id) { ...PickerBooking }\n  }\n": typeof types.PickerBookingByIdDocument,
    "\n  mutation PickerBookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess { booking { ...PickerBooking } }\n      ... on SeatsUnavailableError { code message seatIds }\n      ... on Error { code message }\n    }\n  }\n": typeof types.PickerBookSeatsDocument,
    "\n  mutation PickerConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.PickerConfirmBookingDocument,
    "\n  mutation PickerCancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.PickerCancelBookingDocument,
    "\n  subscription PickerSeatMap($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) {\n      version\n      reason\n      seats { seatId seatNumber status }\n    }\n  }\n": typeof types.PickerSeatMapDocument,
    "\n  subscription PickerBookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { ...PickerBooking }\n  }\n": typeof types.PickerBookingUpdatesDocument,
};
const documents: Documents = {
    "\n  mutation PickerLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      __typename\n      ... on AuthSuccess { token user { id name email } }\n      ... on ValidationError { code message field }\n    }\n  }\n": types.PickerLogInDocument,
    "\n  query PickerShows {\n    shows(first: 50) {\n      edges {\n        node {\n          id\n          startTime\n          availableSeats\n          totalSeats\n          price { amount currency }\n          movie { title durationMinutes }\n          theater { name city }\n        }\n      }\n    }\n  }\n": types.PickerShowsDocument,
    "\n  query PickerShow($id: ID!) {\n    show(id: $id) {\n      id\n      startTime\n      price { amount currency }\n      movie { title }\n      theater { name city }\n      seatMap { version seats { id seatNumber row number status heldByViewer } }\n    }\n  }\n": types.PickerShowDocument,
    "\n  fragment PickerBooking on Booking {\n    id\n    status\n    bookingCode\n    expiresAt\n    totalAmount { amount currency }\n    payment { status }\n    seats { id seatNumber }\n    show { id startTime movie { title } theater { name } }\n  }\n": types.PickerBookingFragmentDoc,
    "\n  query PickerMyBookings($status: [BookingStatus!], $after: String) {\n    myBookings(first: 20, after: $after, status: $status) {\n      edges {\n        node {\n          id\n          status\n          bookingCode\n          expiresAt\n          totalAmount { amount currency }\n          payment { status }\n          seats { id seatNumber }\n          show { id startTime movie { title } theater { name } }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PickerMyBookingsDocument,
    "\n  query PickerBookingById($id: ID!) {\n    booking(id: $id) { ...PickerBooking }\n  }\n": types.PickerBookingByIdDocument,
    "\n  mutation PickerBookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess { booking { ...PickerBooking } }\n      ... on SeatsUnavailableError { code message seatIds }\n      ... on Error { code message }\n    }\n  }\n": types.PickerBookSeatsDocument,
    "\n  mutation PickerConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n": types.PickerConfirmBookingDocument,
    "\n  mutation PickerCancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n": types.PickerCancelBookingDocument,
    "\n  subscription PickerSeatMap($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) {\n      version\n      reason\n      seats { seatId seatNumber status }\n    }\n  }\n": types.PickerSeatMapDocument,
    "\n  subscription PickerBookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { ...PickerBooking }\n  }\n": types.PickerBookingUpdatesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickerLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      __typename\n      ... on AuthSuccess { token user { id name email } }\n      ... on ValidationError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation PickerLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      __typename\n      ... on AuthSuccess { token user { id name email } }\n      ... on ValidationError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickerShows {\n    shows(first: 50) {\n      edges {\n        node {\n          id\n          startTime\n          availableSeats\n          totalSeats\n          price { amount currency }\n          movie { title durationMinutes }\n          theater { name city }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PickerShows {\n    shows(first: 50) {\n      edges {\n        node {\n          id\n          startTime\n          availableSeats\n          totalSeats\n          price { amount currency }\n          movie { title durationMinutes }\n          theater { name city }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickerShow($id: ID!) {\n    show(id: $id) {\n      id\n      startTime\n      price { amount currency }\n      movie { title }\n      theater { name city }\n      seatMap { version seats { id seatNumber row number status heldByViewer } }\n    }\n  }\n"): (typeof documents)["\n  query PickerShow($id: ID!) {\n    show(id: $id) {\n      id\n      startTime\n      price { amount currency }\n      movie { title }\n      theater { name city }\n      seatMap { version seats { id seatNumber row number status heldByViewer } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PickerBooking on Booking {\n    id\n    status\n    bookingCode\n    expiresAt\n    totalAmount { amount currency }\n    payment { status }\n    seats { id seatNumber }\n    show { id startTime movie { title } theater { name } }\n  }\n"): (typeof documents)["\n  fragment PickerBooking on Booking {\n    id\n    status\n    bookingCode\n    expiresAt\n    totalAmount { amount currency }\n    payment { status }\n    seats { id seatNumber }\n    show { id startTime movie { title } theater { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickerMyBookings($status: [BookingStatus!], $after: String) {\n    myBookings(first: 20, after: $after, status: $status) {\n      edges {\n        node {\n          id\n          status\n          bookingCode\n          expiresAt\n          totalAmount { amount currency }\n          payment { status }\n          seats { id seatNumber }\n          show { id startTime movie { title } theater { name } }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PickerMyBookings($status: [BookingStatus!], $after: String) {\n    myBookings(first: 20, after: $after, status: $status) {\n      edges {\n        node {\n          id\n          status\n          bookingCode\n          expiresAt\n          totalAmount { amount currency }\n          payment { status }\n          seats { id seatNumber }\n          show { id startTime movie { title } theater { name } }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickerBookingById($id: ID!) {\n    booking(id: $id) { ...PickerBooking }\n  }\n"): (typeof documents)["\n  query PickerBookingById($id: ID!) {\n    booking(id: $id) { ...PickerBooking }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickerBookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess { booking { ...PickerBooking } }\n      ... on SeatsUnavailableError { code message seatIds }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation PickerBookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess { booking { ...PickerBooking } }\n      ... on SeatsUnavailableError { code message seatIds }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickerConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation PickerConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PickerCancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation PickerCancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { ...PickerBooking } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PickerSeatMap($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) {\n      version\n      reason\n      seats { seatId seatNumber status }\n    }\n  }\n"): (typeof documents)["\n  subscription PickerSeatMap($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) {\n      version\n      reason\n      seats { seatId seatNumber status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PickerBookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { ...PickerBooking }\n  }\n"): (typeof documents)["\n  subscription PickerBookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { ...PickerBooking }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;