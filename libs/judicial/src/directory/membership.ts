// Membership over time. Dates are kept as precise as their source (YYYY, YYYY-MM, YYYY-MM-DD) and
// compared as strings: a shorter date stands for the start of its period, so '2013-05' is before
// '2013-05-10', and a membership `until: '2025-01-29'` no longer holds on 2025-01-29.
import type { DirectoryState } from './directory.model';

export function isMemberOn(state: DirectoryState, network: string, day: string): boolean {
  return state.memberships.some(
    (membership) =>
      membership.network === network &&
      membership.from <= day &&
      (membership.until === undefined || day < membership.until),
  );
}
