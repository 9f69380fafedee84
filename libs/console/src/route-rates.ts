// Messages per minute per route over the last hour: outbound per sending platform, inbound (from
// INTERPOL) per message type. Counted as the journal is read (LastHourTally), each message once, in
// the minute of its first journal entry.
import { PLATFORM_IDS } from '@pcms/envelope';

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

interface RouteCounts {
  readonly direction: RouteRate['direction'];
  readonly key: string;
  /** Epoch minute → messages. */
  readonly perMinute: Map<number, number>;
}

export class RouteRateCounter {
  private readonly routes = new Map<string, RouteCounts>();

  /** One message from `sender` (a platform: outbound; else inbound of `type`) first seen at `atMs`. */
  add(sender: string, type: string | undefined, atMs: number): void {
    const route = PLATFORMS.has(sender)
      ? { direction: 'outbound' as const, key: sender }
      : { direction: 'inbound' as const, key: type ?? '-' };
    const id = `${route.direction}:${route.key}`;
    let counts = this.routes.get(id);
    if (!counts) this.routes.set(id, (counts = { ...route, perMinute: new Map() }));
    const minute = Math.floor(atMs / 60_000);
    counts.perMinute.set(minute, (counts.perMinute.get(minute) ?? 0) + 1);
  }

  /** The last hour's minutes up to `now`'s; older minutes are forgotten. */
  rates(now: Date): RouteRates {
    const first = Math.floor(now.getTime() / 60_000) - MINUTES + 1;
    const minutes = Array.from({ length: MINUTES }, (_, i) => (first + i) * 60);
    const routes: RouteRate[] = [];
    for (const [id, { direction, key, perMinute }] of this.routes) {
      for (const minute of perMinute.keys()) if (minute < first) perMinute.delete(minute);
      if (perMinute.size === 0) {
        this.routes.delete(id);
        continue;
      }
      routes.push({ direction, key, counts: minutes.map((start) => perMinute.get(start / 60) ?? 0) });
    }
    const total = (rate: RouteRate) => rate.counts.reduce((sum, count) => sum + count, 0);
    return {
      minutes,
      routes: routes.sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key)).slice(0, MAX_ROUTES),
    };
  }
}
