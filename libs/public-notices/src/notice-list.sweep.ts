import type { InterpolNoticeKind } from '@pcms/translation';
import { noticeListPages } from './notice-list.pager';
import type { NoticeListPage, PublicNoticesClient } from './public-notices.client';

/** The service lists at most this many notices per query, whatever the page or page size. */
export const SERVICE_CAP = 160;

/** Ages the service's `ageMin`/`ageMax` band a list by (inclusive, in years). */
const AGE_RANGE = { min: 0, max: 120 } as const;
const SEXES = ['F', 'M', 'U'] as const;

/** Which lists take `sexId`, `ageMin` and `ageMax` (the published shape: red and yellow). */
const SPLITTABLE: Record<InterpolNoticeKind, boolean> = { red: true, yellow: true, un: false };

export interface SweepReport {
  /** Queries asked, splits included. */
  queries: number;
  /**
   * Notices the service counts that no query could list: no age (no band lists them), beyond the
   * age range, twins of one sex and age past the cap, or a list that takes no filters. An upper
   * bound: another query (a nationality) may have listed some of them.
   */
  unreachable: number;
}

/**
 * Every page of `query`, past the service's cap: a query whose `total` exceeds it is split on the
 * filters the list has, sex then age bands halved until each fits, and each part read. What
 * cannot be split further is read up to the cap and counted in `report.unreachable`, as is the
 * difference between a query's total and the sum of its parts.
 */
export async function* sweepList(
  client: Pick<PublicNoticesClient, 'listPage'>,
  kind: InterpolNoticeKind,
  query: Readonly<Record<string, string>>,
  perPage: number,
  report: SweepReport,
): AsyncGenerator<NoticeListPage, number> {
  report.queries++;
  const first = await client.listPage(kind, query, 1, perPage);
  const total = first.total ?? first.notices.length;
  const parts = total > SERVICE_CAP && SPLITTABLE[kind] ? split(query) : [];
  if (parts.length === 0) {
    report.unreachable += Math.max(0, total - SERVICE_CAP);
    yield* noticeListPages(client, kind, query, perPage, first);
    return total;
  }
  let counted = 0;
  for (const part of parts) counted += yield* sweepList(client, kind, part, perPage, report);
  report.unreachable += Math.max(0, total - counted);
  return total;
}

function split(query: Readonly<Record<string, string>>): Record<string, string>[] {
  if (query.sexId === undefined) return SEXES.map((sexId) => ({ ...query, sexId }));
  const min = query.ageMin === undefined ? AGE_RANGE.min : Number(query.ageMin);
  const max = query.ageMax === undefined ? AGE_RANGE.max : Number(query.ageMax);
  if (!(min < max)) return [];
  const middle = Math.floor((min + max) / 2);
  return [
    { ...query, ageMin: String(min), ageMax: String(middle) },
    { ...query, ageMin: String(middle + 1), ageMax: String(max) },
  ];
}
