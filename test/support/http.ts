import { print } from 'graphql'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { GqlResult } from './app.ts'

/** GraphQL over real HTTP, for tests that need a particular API instance. */
export async function httpGql<T, V>(url: string, doc: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<GqlResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(doc), variables }),
  })
  return (await res.json()) as GqlResult<T>
}
