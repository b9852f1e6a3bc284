import os from 'node:os'
// Order statistics for latency samples (nearest-rank, so a p99 is a real observed request).
export type Summary = { n: number; median: number; p99: number; mean: number; min: number; max: number }

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1]!
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((total, x) => total + x, 0)
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  }
}

export const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN)

/** What a figure was measured under, printed beside it: the machine's load then, Node, the database. */
export function conditions(database: string): string {
  const [one] = os.loadavg()
  return `load ${one!.toFixed(1)}, node ${process.version}, ${database}`
}
