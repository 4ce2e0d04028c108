import type { CodegenConfig } from '@graphql-codegen/cli'

/**
 * `npm run codegen`: prints the schema built by Pothos to the committed schema.graphql (the file
 * clients and the contract check read) and types the operations that tests and the web client use.
 */
const client = (folder: string) => ({
  documents: [`${folder}/**/*.ts`, `!${folder}/gql/**`],
  preset: 'client' as const,
  config: { scalars: { DateTime: 'string' }, enumsAsTypes: true },
  presetConfig: { fragmentMasking: false },
})

const config: CodegenConfig = {
  schema: './scripts/schema-for-codegen.ts',
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    './schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    './test/gql/': client('test'),
    './web/src/gql/': client('web/src'),
  },
}

export default config
