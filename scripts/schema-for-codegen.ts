// GraphQL Code Generator loads the schema from this module's default export.
import { schema } from '../src/schema/index.ts'

export default schema
