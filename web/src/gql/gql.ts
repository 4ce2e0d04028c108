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
    "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.ShowsPageDocument,
    "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n": typeof types.ShowByIdDocument,
};
const documents: Documents = {
    "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.ShowsPageDocument,
    "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n": types.ShowByIdDocument,
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
export function graphql(source: "\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ShowsPage($first: Int, $after: String, $filter: ShowFilter) {\n    shows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          startTime\n          price { amount currency }\n          movie { id title durationMinutes }\n          theater { id name city }\n          availableSeats\n          totalSeats\n          seatMap { showId version seats { id seatNumber row number status heldByViewer } }\n        }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n"): (typeof documents)["\n  query ShowById($id: ID!) {\n    show(id: $id) { id totalSeats seatMap { version seats { seatNumber } } }\n    node(id: $id) { id ... on Show { availableSeats } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;