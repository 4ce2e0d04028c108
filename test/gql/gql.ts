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
    "\n  mutation AdminSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename ... on AuthSuccess { token user { role } } ... on Error { code } }\n  }\n": typeof types.AdminSignUpDocument,
    "mutation AdminLogIn($input: LogInInput!) { logIn(input: $input) { ... on AuthSuccess { token user { role } } } }": typeof types.AdminLogInDocument,
    "query AdminQueueStats { queueStats { queue paused waiting active delayed completed failed } }": typeof types.AdminQueueStatsDocument,
    "\n  query AdminFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {\n    failedJobs(queue: $queue, first: $first, offset: $offset) { id queue name state data attemptsMade failedReason createdAt finishedAt }\n  }\n": typeof types.AdminFailedJobsDocument,
    "mutation AdminRetryJob($queue: QueueName!, $jobId: ID!) { retryJob(queue: $queue, jobId: $jobId) { id queue state } }": typeof types.AdminRetryJobDocument,
    "mutation AdminPauseQueue($queue: QueueName!) { pauseQueue(queue: $queue) { queue paused } }": typeof types.AdminPauseQueueDocument,
    "mutation AdminResumeQueue($queue: QueueName!) { resumeQueue(queue: $queue) { queue paused } }": typeof types.AdminResumeQueueDocument,
    "\n  subscription BookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId) { id status bookingCode payment { status } }\n  }\n": typeof types.BookingUpdatesDocument,
    "\n  subscription BookingFromNow($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { id status bookingCode payment { status } }\n  }\n": typeof types.BookingFromNowDocument,
    "mutation LimitsLogIn($input: LogInInput!) { logIn(input: $input) { __typename ... on Error { code } } }": typeof types.LimitsLogInDocument,
    "mutation LimitsSignUp($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }": typeof types.LimitsSignUpDocument,
    "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.ShowsPageDocument,
    "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n": typeof types.ShowByIdDocument,
    "\n  mutation BookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess {\n        booking {\n          id\n          status\n          expiresAt\n          createdAt\n          totalAmount { amount currency }\n          payment { id orderId status expiresAt amount { amount currency } }\n          seats { id seatNumber status heldByViewer }\n          show { id availableSeats }\n          user { id }\n        }\n      }\n      ... on SeatsUnavailableError { seatIds }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n": typeof types.BookSeatsDocument,
    "\n  mutation ConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { id status payment { status } } }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n": typeof types.ConfirmBookingDocument,
    "\n  mutation CancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { id status payment { status } seats { status } } }\n      ... on Error { code message }\n    }\n  }\n": typeof types.CancelBookingDocument,
    "\n  query BookingById($id: ID!) {\n    booking(id: $id) { id status bookingCode payment { status } seats { seatNumber status } expiresAt }\n  }\n": typeof types.BookingByIdDocument,
    "\n  query SeatMapOf($id: ID!) {\n    show(id: $id) { availableSeats seatMap { version seats { id seatNumber status heldByViewer } } }\n  }\n": typeof types.SeatMapOfDocument,
    "\n  subscription SeatMapChanges($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) { showId version reason at seats { seatId seatNumber status } }\n  }\n": typeof types.SeatMapChangesDocument,
};
const documents: Documents = {
    "\n  mutation AdminSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename ... on AuthSuccess { token user { role } } ... on Error { code } }\n  }\n": types.AdminSignUpDocument,
    "mutation AdminLogIn($input: LogInInput!) { logIn(input: $input) { ... on AuthSuccess { token user { role } } } }": types.AdminLogInDocument,
    "query AdminQueueStats { queueStats { queue paused waiting active delayed completed failed } }": types.AdminQueueStatsDocument,
    "\n  query AdminFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {\n    failedJobs(queue: $queue, first: $first, offset: $offset) { id queue name state data attemptsMade failedReason createdAt finishedAt }\n  }\n": types.AdminFailedJobsDocument,
    "mutation AdminRetryJob($queue: QueueName!, $jobId: ID!) { retryJob(queue: $queue, jobId: $jobId) { id queue state } }": types.AdminRetryJobDocument,
    "mutation AdminPauseQueue($queue: QueueName!) { pauseQueue(queue: $queue) { queue paused } }": types.AdminPauseQueueDocument,
    "mutation AdminResumeQueue($queue: QueueName!) { resumeQueue(queue: $queue) { queue paused } }": types.AdminResumeQueueDocument,
    "\n  subscription BookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId) { id status bookingCode payment { status } }\n  }\n": types.BookingUpdatesDocument,
    "\n  subscription BookingFromNow($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { id status bookingCode payment { status } }\n  }\n": types.BookingFromNowDocument,
    "mutation LimitsLogIn($input: LogInInput!) { logIn(input: $input) { __typename ... on Error { code } } }": types.LimitsLogInDocument,
    "mutation LimitsSignUp($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }": types.LimitsSignUpDocument,
    "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.ShowsPageDocument,
    "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n": types.ShowByIdDocument,
    "\n  mutation BookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess {\n        booking {\n          id\n          status\n          expiresAt\n          createdAt\n          totalAmount { amount currency }\n          payment { id orderId status expiresAt amount { amount currency } }\n          seats { id seatNumber status heldByViewer }\n          show { id availableSeats }\n          user { id }\n        }\n      }\n      ... on SeatsUnavailableError { seatIds }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n": types.BookSeatsDocument,
    "\n  mutation ConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { id status payment { status } } }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n": types.ConfirmBookingDocument,
    "\n  mutation CancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { id status payment { status } seats { status } } }\n      ... on Error { code message }\n    }\n  }\n": types.CancelBookingDocument,
    "\n  query BookingById($id: ID!) {\n    booking(id: $id) { id status bookingCode payment { status } seats { seatNumber status } expiresAt }\n  }\n": types.BookingByIdDocument,
    "\n  query SeatMapOf($id: ID!) {\n    show(id: $id) { availableSeats seatMap { version seats { id seatNumber status heldByViewer } } }\n  }\n": types.SeatMapOfDocument,
    "\n  subscription SeatMapChanges($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) { showId version reason at seats { seatId seatNumber status } }\n  }\n": types.SeatMapChangesDocument,
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
export function graphql(source: "\n  mutation AdminSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename ... on AuthSuccess { token user { role } } ... on Error { code } }\n  }\n"): (typeof documents)["\n  mutation AdminSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename ... on AuthSuccess { token user { role } } ... on Error { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminLogIn($input: LogInInput!) { logIn(input: $input) { ... on AuthSuccess { token user { role } } } }"): (typeof documents)["mutation AdminLogIn($input: LogInInput!) { logIn(input: $input) { ... on AuthSuccess { token user { role } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminQueueStats { queueStats { queue paused waiting active delayed completed failed } }"): (typeof documents)["query AdminQueueStats { queueStats { queue paused waiting active delayed completed failed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {\n    failedJobs(queue: $queue, first: $first, offset: $offset) { id queue name state data attemptsMade failedReason createdAt finishedAt }\n  }\n"): (typeof documents)["\n  query AdminFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {\n    failedJobs(queue: $queue, first: $first, offset: $offset) { id queue name state data attemptsMade failedReason createdAt finishedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRetryJob($queue: QueueName!, $jobId: ID!) { retryJob(queue: $queue, jobId: $jobId) { id queue state } }"): (typeof documents)["mutation AdminRetryJob($queue: QueueName!, $jobId: ID!) { retryJob(queue: $queue, jobId: $jobId) { id queue state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminPauseQueue($queue: QueueName!) { pauseQueue(queue: $queue) { queue paused } }"): (typeof documents)["mutation AdminPauseQueue($queue: QueueName!) { pauseQueue(queue: $queue) { queue paused } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminResumeQueue($queue: QueueName!) { resumeQueue(queue: $queue) { queue paused } }"): (typeof documents)["mutation AdminResumeQueue($queue: QueueName!) { resumeQueue(queue: $queue) { queue paused } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId) { id status bookingCode payment { status } }\n  }\n"): (typeof documents)["\n  subscription BookingUpdates($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId) { id status bookingCode payment { status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BookingFromNow($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { id status bookingCode payment { status } }\n  }\n"): (typeof documents)["\n  subscription BookingFromNow($bookingId: ID!) {\n    bookingUpdated(bookingId: $bookingId, includeCurrent: true) { id status bookingCode payment { status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LimitsLogIn($input: LogInInput!) { logIn(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation LimitsLogIn($input: LogInInput!) { logIn(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LimitsSignUp($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation LimitsSignUp($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n"): (typeof documents)["\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess {\n        booking {\n          id\n          status\n          expiresAt\n          createdAt\n          totalAmount { amount currency }\n          payment { id orderId status expiresAt amount { amount currency } }\n          seats { id seatNumber status heldByViewer }\n          show { id availableSeats }\n          user { id }\n        }\n      }\n      ... on SeatsUnavailableError { seatIds }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation BookSeats($input: BookSeatsInput!) {\n    bookSeats(input: $input) {\n      __typename\n      ... on BookSeatsSuccess {\n        booking {\n          id\n          status\n          expiresAt\n          createdAt\n          totalAmount { amount currency }\n          payment { id orderId status expiresAt amount { amount currency } }\n          seats { id seatNumber status heldByViewer }\n          show { id availableSeats }\n          user { id }\n        }\n      }\n      ... on SeatsUnavailableError { seatIds }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { id status payment { status } } }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmBooking($input: ConfirmBookingInput!) {\n    confirmBooking(input: $input) {\n      __typename\n      ... on ConfirmBookingSuccess { booking { id status payment { status } } }\n      ... on ValidationError { field }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { id status payment { status } seats { status } } }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelBooking($input: CancelBookingInput!) {\n    cancelBooking(input: $input) {\n      __typename\n      ... on CancelBookingSuccess { booking { id status payment { status } seats { status } } }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingById($id: ID!) {\n    booking(id: $id) { id status bookingCode payment { status } seats { seatNumber status } expiresAt }\n  }\n"): (typeof documents)["\n  query BookingById($id: ID!) {\n    booking(id: $id) { id status bookingCode payment { status } seats { seatNumber status } expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeatMapOf($id: ID!) {\n    show(id: $id) { availableSeats seatMap { version seats { id seatNumber status heldByViewer } } }\n  }\n"): (typeof documents)["\n  query SeatMapOf($id: ID!) {\n    show(id: $id) { availableSeats seatMap { version seats { id seatNumber status heldByViewer } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SeatMapChanges($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) { showId version reason at seats { seatId seatNumber status } }\n  }\n"): (typeof documents)["\n  subscription SeatMapChanges($showId: ID!, $sinceVersion: Int) {\n    seatMap(showId: $showId, sinceVersion: $sinceVersion) { showId version reason at seats { seatId seatNumber status } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;