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

const tooLarge = (max: number) => new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${max} bytes.`, { connection: 'close' })

/**
 * Refuses, from the headers alone, a body that declares more than `max` bytes: a declared
 * Content-Length is a hard bound (Node never delivers more), so nothing is buffered before the
 * decision. The connection is closed rather than drained of an oversized body.
 */
export function bodySizeProblem(req: IncomingMessage, max: number): HttpError | null {
  const declared = req.headers['content-length']
  return declared !== undefined && Number(declared) > max ? tooLarge(max) : null
}

/** A body of undeclared length (Transfer-Encoding: chunked): only counting it as it arrives bounds it. */
export const hasUnsizedBody = (req: IncomingMessage) => req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined

/** Reads a body, refusing it (413) as soon as more than `max` bytes have arrived. */
export async function readBodyBytes(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) throw tooLarge(max)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export const readBody = async (req: IncomingMessage, max: number) => (await readBodyBytes(req, max)).toString('utf8')
