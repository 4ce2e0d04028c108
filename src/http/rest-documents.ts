/**
 * The GraphQL operations behind the REST routes (src/http/rest.ts). Each mutation selects both
 * branches of its result union, so the adapter can tell a success from a typed error.
 */
const BOOKING = `
  fragment RestBooking on Booking {
    id status bookingCode expiresAt createdAt
    totalAmount { amount currency }
    show { id startTime movie { id title } theater { id name city } }
    seats { id seatNumber row number status }
    payment { id orderId status expiresAt amount { amount currency } }
  }`

const ERROR = `
  fragment RestError on Error {
    code message
    ... on ValidationError { field }
    ... on SeatsUnavailableError { seatIds }
    ... on BookingError { retryAfterSeconds }
  }`

const QUEUE_STATS = `fragment RestQueueStats on QueueStats { queue paused waiting active delayed completed failed }`
const JOB = `fragment RestJob on Job { id queue name state data attemptsMade failedReason createdAt finishedAt }`

export const REST_DOCUMENTS = {
  bookSeats: `mutation RestBookSeats($input: BookSeatsInput!) {
    result: bookSeats(input: $input) { ... on BookSeatsSuccess { booking { ...RestBooking } } ...RestError }
  } ${BOOKING} ${ERROR}`,
  confirmBooking: `mutation RestConfirmBooking($input: ConfirmBookingInput!) {
    result: confirmBooking(input: $input) { ... on ConfirmBookingSuccess { booking { ...RestBooking } } ...RestError }
  } ${BOOKING} ${ERROR}`,
  cancelBooking: `mutation RestCancelBooking($input: CancelBookingInput!) {
    result: cancelBooking(input: $input) { ... on CancelBookingSuccess { booking { ...RestBooking } } ...RestError }
  } ${BOOKING} ${ERROR}`,
  // viewer tells "not logged in" (401) apart from "not yours or nothing" (404).
  booking: `query RestBooking($id: ID!) { viewer { id } result: booking(id: $id) { ...RestBooking } } ${BOOKING}`,
  myBookings: `query RestMyBookings($first: Int, $after: String, $status: [BookingStatus!]) {
    result: myBookings(first: $first, after: $after, status: $status) {
      edges { node { ...RestBooking } }
      pageInfo { hasNextPage endCursor }
    }
  } ${BOOKING}`,
  queueStats: `query RestQueueStats { result: queueStats { ...RestQueueStats } } ${QUEUE_STATS}`,
  failedJobs: `query RestFailedJobs($queue: QueueName!, $first: Int, $offset: Int) {
    result: failedJobs(queue: $queue, first: $first, offset: $offset) { ...RestJob }
  } ${JOB}`,
  retryJob: `mutation RestRetryJob($queue: QueueName!, $jobId: ID!) { result: retryJob(queue: $queue, jobId: $jobId) { ...RestJob } } ${JOB}`,
  pauseQueue: `mutation RestPauseQueue($queue: QueueName!) { result: pauseQueue(queue: $queue) { ...RestQueueStats } } ${QUEUE_STATS}`,
  resumeQueue: `mutation RestResumeQueue($queue: QueueName!) { result: resumeQueue(queue: $queue) { ...RestQueueStats } } ${QUEUE_STATS}`,
} as const
