import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Applies pending migrations from prisma/migrations with Prisma's WASM schema engine, so it works
 * where the native engine cannot be downloaded. The engine exits its process when done, hence a
 * child process. Users with internet can run `npx prisma migrate deploy` on the same files.
 */
export function migrateDatabase(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/migrate-wasm.mjs'), 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`migration failed (exit ${code}): ${out.trim()}`)),
    )
  })
}
