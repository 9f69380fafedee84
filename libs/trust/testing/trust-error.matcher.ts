import { TrustError } from '@pcms/trust';

/**
 * Runs `action` and returns the TrustError it throws; fails when it throws nothing or anything
 * else, so tests can assert on `.code` without matching message text.
 */
export function trustErrorOf(action: () => unknown): TrustError {
  try {
    action();
  } catch (error) {
    if (error instanceof TrustError) return error;
    throw new Error(`expected a TrustError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a TrustError, nothing was thrown');
}
