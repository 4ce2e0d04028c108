/** Runs `fn` over `items` with at most `limit` in flight; the first failure rejects the whole. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<unknown>) {
  let next = 0
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
