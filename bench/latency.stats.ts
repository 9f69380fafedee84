// Figures for the benchmark: nearest-rank percentiles and rates, rounded for people to read.

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentiles (no interpolation): every figure is a latency that was observed. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50Ms: round(at(50)),
    p95Ms: round(at(95)),
    p99Ms: round(at(99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(sorted.length === 0 ? 0 : total / sorted.length),
  };
}

export function ratePerSecond(count: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : round((count * 1000) / elapsedMs, 0);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `[bench] …` on stdout: the benchmark's progress, English / French. */
export function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}
