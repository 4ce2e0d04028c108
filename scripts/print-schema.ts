import { printSchema } from 'graphql'
import { schema } from '../src/schema/index.ts'
process.stdout.write(printSchema(schema) + '\n')
