import { BREAK, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql'

/**
 * Whether every field the document selects (in all its operations and fragments, so a fragment
 * beside the operation can only make the answer "no") is one of `allowed`, named as schema
 * coordinates like `Seat.status`. `__typename` is always allowed.
 */
export function selectsOnly(schema: GraphQLSchema, document: DocumentNode, allowed: ReadonlySet<string>): boolean {
  const typeInfo = new TypeInfo(schema)
  let only = true
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType()
        if (node.name.value === '__typename' || (parent && allowed.has(`${parent.name}.${node.name.value}`))) return
        only = false
        return BREAK
      },
    }),
  )
  return only
}
