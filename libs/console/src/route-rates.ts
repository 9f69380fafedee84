// Messages per minute per route over the last hour, from the same journal search the dashboard
// already makes: outbound per sending platform, inbound (from INTERPOL) per message type. A
// message counts in the minute of its first journal entry.
import { PLATFORM_IDS } from '@pcms/envelope';
import type { JournalSearchHit } from '@pcms/journal';

export interface RouteRate {
  readonly direction: 'outbound' | 'inbound';
  /** The sending platform (outbound) or the message type (inbound). */
  readonly key: string;
  /** One count per minute, oldest first, aligned with RouteRates.minutes. */
  readonly counts: readonly number[];
}

export interface RouteRates {
  /** The start of each minute, in seconds since the epoch (what uPlot's time axis takes). */
  readonly minutes: readonly number[];
  /** The busiest routes first, at most MAX_ROUTES. */
  readonly routes: readonly RouteRate[];
}

const MINUTES = 60;
const MAX_ROUTES = 8;
const PLATFORMS: ReadonlySet<string> = new Set(PLATFORM_IDS);

export function routeRates(hits: readonly JournalSearchHit[], now: Date): RouteRates {
  const lastMinute = Math.floor(now.getTime() / 60_000);
  const first = lastMinute - MINUTES + 1;
  const minutes = Array.from({ length: MINUTES }, (_, i) => (first + i) * 60);
  const byRoute = new Map<string, { direction: RouteRate['direction']; key: string; counts: number[] }>();
  for (const hit of hits) {
    const minute = Math.floor(new Date(hit.firstAt).getTime() / 60_000) - first;
    if (minute < 0 || minute >= MINUTES || !hit.sender) continue;
    const route = PLATFORMS.has(hit.sender)
      ? { direction: 'outbound' as const, key: hit.sender }
      : { direction: 'inbound' as const, key: hit.type ?? '-' };
    const id = `${route.direction}:${route.key}`;
    const entry = byRoute.get(id) ?? { ...route, counts: new Array<number>(MINUTES).fill(0) };
    entry.counts[minute] = (entry.counts[minute] ?? 0) + 1;
    byRoute.set(id, entry);
  }
  const total = (rate: RouteRate) => rate.counts.reduce((sum, count) => sum + count, 0);
  const routes = [...byRoute.values()]
    .sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key))
    .slice(0, MAX_ROUTES);
  return { minutes, routes };
}
