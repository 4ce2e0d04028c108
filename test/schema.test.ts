import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { schema } from '../src/schema/index.ts'

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run codegen` after changing it)', () => {
    const canonical = (s: GraphQLSchema) => printSchema(lexicographicSortSchema(s))
    expect(canonical(buildSchema(fs.readFileSync('schema.graphql', 'utf8')))).toBe(canonical(buildSchema(printSchema(schema))))
  })

  it.skipIf(!fs.existsSync('../shared/tools/contract-check.mjs'))('implements the whole API contract', () => {
    const run = spawnSync(process.execPath, ['../shared/tools/contract-check.mjs', 'schema.graphql'], { encoding: 'utf8' })
    expect(run.stdout).toMatch(/contract: all of it is implemented/)
    expect(run.status).toBe(0)
  })
})
