// Retries an assertion until it passes or a deadline expires: tests wait for a condition, never
// for a fixed time, so they are as fast as the system and fail only when it is really wrong.
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error: unknown) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
