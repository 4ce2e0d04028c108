import type { IncomingMessage, ServerResponse } from 'node:http'

/** A request refused at the HTTP layer, before GraphQL: answered as `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export const sendHttpError = (res: ServerResponse, err: HttpError) =>
  sendJson(res, err.status, { error: { code: err.code, message: err.message } }, err.headers)

/**
 * Refuses, from the headers alone, a body over `max` bytes, or one of undeclared length (chunked):
 * a declared Content-Length is a hard bound (Node never delivers more), so nothing is buffered
 * before the decision. The connection is closed rather than drained of an oversized body.
 */
export function bodySizeProblem(req: IncomingMessage, max: number): HttpError | null {
  const declared = req.headers['content-length']
  if (declared !== undefined) {
    return Number(declared) > max
      ? new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${max} bytes.`, { connection: 'close' })
      : null
  }
  if (req.headers['transfer-encoding']) {
    return new HttpError(411, 'LENGTH_REQUIRED', 'A request body must declare its Content-Length.', { connection: 'close' })
  }
  return null
}

/** Reads a body whose size bodySizeProblem already bounded (the check here is belt and braces). */
export async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${max} bytes.`, { connection: 'close' })
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
