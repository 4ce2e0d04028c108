import type { CodegenConfig } from '@graphql-codegen/cli'

/**
 * `npm run codegen`: prints the schema built by Pothos to the committed schema.graphql (the file
 * clients and the contract check read) and types the operations that tests and the web client use.
 */
const config: CodegenConfig = {
  schema: './scripts/schema-for-codegen.ts',
  documents: ['test/**/*.ts', 'web/src/**/*.ts', '!**/gql/**'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    './schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    './test/gql/': { preset: 'client', config: { scalars: { DateTime: 'string' }, enumsAsTypes: true }, presetConfig: { fragmentMasking: false } },
    './web/src/gql/': { preset: 'client', config: { scalars: { DateTime: 'string' }, enumsAsTypes: true }, presetConfig: { fragmentMasking: false } },
  },
}

export default config
