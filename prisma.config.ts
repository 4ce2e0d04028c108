// Prisma CLI configuration (tooling only; the application reads its settings from src/config).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Prisma 7 does not read .env; generate runs without a URL, migrations need one.
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
