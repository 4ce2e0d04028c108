/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = Float64Array.from(samples).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/** p50/p99/max of latency samples in ms, rounded for printing. */
export function latencySummary(samples: ArrayLike<number>) {
  const sorted = Float64Array.from(samples).sort()
  const at = (p: number) => round(percentile(sorted, p))
  return { p50_ms: at(50), p99_ms: at(99), max_ms: round(sorted.length ? sorted[sorted.length - 1]! : Number.NaN) }
}

export const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n)
