import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The seat picker. `npm run build:web` writes web/dist, which the API process serves at `/`, so the
 * page and /graphql share one origin. For hot reload, run the API on :4000 and
 * `npx vite --config web/vite.config.ts`; the proxy forwards GraphQL and its WebSocket.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
})
