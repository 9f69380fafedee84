import type { InterpolNoticeKind } from '@pcms/translation';
import { sweepList, type SweepReport } from './notice-list.sweep';
import type { ForwardOutcome, PublicNoticeForwarder } from './public-notice.forwarder';
import type { PublicNoticesClient } from './public-notices.client';
import { errorCodeOf } from './public-notices.error';

/** pino-compatible: fields first, then the message. */
export interface PublicNoticesLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Counters for metrics: one call per notice handled. */
export interface PublicNoticesObserver {
  handled?(kind: InterpolNoticeKind, outcome: ForwardOutcome): void;
  failed?(kind: InterpolNoticeKind, code: string): void;
}

/** Filters per country: each value is one query, so that no query reaches the service's 160 cap. */
export interface PublicNoticesFilters {
  nationality: readonly string[];
  arrestWarrantCountryId: readonly string[];
}

export interface PublicNoticesPollerOptions {
  resultPerPage: number;
  filters: PublicNoticesFilters;
}

export interface PollSummary {
  kind: InterpolNoticeKind;
  queries: number;
  pages: number;
  notices: number;
  forwarded: number;
  unchanged: number;
  notConcerned: number;
  failed: number;
  /** Notices the service counts that no query could list (see SweepReport). */
  unreachable: number;
  failures: { entityId?: string; query?: string; code: string }[];
}

/** Which filter the service accepts on which list (the published shape). */
const FILTERS_BY_KIND: Record<InterpolNoticeKind, readonly (keyof PublicNoticesFilters)[]> = {
  red: ['nationality', 'arrestWarrantCountryId'],
  yellow: ['nationality'],
  un: [],
};

/**
 * Lists whose filters cannot ask for everything that concerns the G5: a yellow notice concerns a
 * G5 country where the person went missing, whatever the nationality, and the service has no
 * filter for that place; a UN listing is placed by addresses and papers. These lists are also
 * swept whole (past the cap, see sweepList) and each notice decided locally (g5Concern).
 */
const CONCERN_BEYOND_FILTERS: Record<InterpolNoticeKind, boolean> = { red: false, yellow: true, un: true };

/**
 * One poll of one kind: every query (one per filter value, or one unfiltered), every page, every
 * detail. A failing notice or page is logged, counted and skipped: the poll goes on, and the
 * summary says what failed so the caller can have it retried.
 */
export class PublicNoticesPoller {
  constructor(
    private readonly client: PublicNoticesClient,
    private readonly forwarder: PublicNoticeForwarder,
    private readonly options: PublicNoticesPollerOptions,
    private readonly logger: PublicNoticesLogger,
    private readonly observer: PublicNoticesObserver = {},
  ) {}

  /**
   * One query per filter value, then the whole list when its filters cannot express the concern.
   * The filtered queries come first: they list notices the whole sweep may not reach (no age).
   */
  queriesFor(kind: InterpolNoticeKind): Record<string, string>[] {
    const queries: Record<string, string>[] = FILTERS_BY_KIND[kind].flatMap((filter) =>
      this.options.filters[filter].map((value) => ({ [filter]: value })),
    );
    return queries.length === 0 || CONCERN_BEYOND_FILTERS[kind] ? [...queries, {}] : queries;
  }

  async poll(kind: InterpolNoticeKind): Promise<PollSummary> {
    const summary: PollSummary = {
      kind,
      queries: 0,
      pages: 0,
      notices: 0,
      forwarded: 0,
      unchanged: 0,
      notConcerned: 0,
      failed: 0,
      unreachable: 0,
      failures: [],
    };
    // A notice listed by two queries (a Malian wanted by Mali) is fetched once per poll.
    const seen = new Set<string>();
    for (const query of this.queriesFor(kind)) {
      await this.sweep(kind, query, seen, summary);
    }
    if (summary.unreachable > 0) {
      this.logger.warn(
        { kind, unreachable: summary.unreachable },
        'public notices the service counts but no query could list / notices comptées par le service mais inaccessibles par ses filtres',
      );
    }
    this.logger.info(
      { ...summary, failures: summary.failures.slice(0, 20) },
      'public notices polled / notices publiques relevées',
    );
    return summary;
  }

  private async sweep(
    kind: InterpolNoticeKind,
    query: Record<string, string>,
    seen: Set<string>,
    summary: PollSummary,
  ): Promise<void> {
    const described = new URLSearchParams(query).toString() || 'all';
    const report: SweepReport = { queries: 0, unreachable: 0 };
    try {
      const pages = sweepList(this.client, kind, query, this.options.resultPerPage, report);
      for await (const page of pages) {
        summary.pages++;
        const fresh = page.notices.filter((notice) => !seen.has(notice.entityId));
        for (const notice of fresh) {
          seen.add(notice.entityId);
          await this.handle(kind, notice.entityId, notice.detailUrl, summary);
        }
        this.logger.info(
          { kind, query: described, page: page.page, listed: page.notices.length, total: page.total },
          'public notices page read / page de notices publiques lue',
        );
      }
    } catch (error: unknown) {
      this.fail(kind, summary, { query: described, code: errorCodeOf(error) }, error);
    } finally {
      summary.queries += report.queries;
      summary.unreachable += report.unreachable;
    }
  }

  private async handle(
    kind: InterpolNoticeKind,
    entityId: string,
    url: string,
    summary: PollSummary,
  ): Promise<void> {
    try {
      const result = await this.forwarder.forward(await this.client.detail(url), {
        source: 'poll',
        location: url,
      });
      summary.notices++;
      if (result.outcome === 'forwarded') summary.forwarded++;
      else if (result.outcome === 'unchanged') summary.unchanged++;
      else summary.notConcerned++;
      this.observer.handled?.(kind, result.outcome);
      if (result.outcome === 'forwarded') {
        this.logger.info(
          { messageId: result.messageId, kind, entityId, concern: result.concern },
          'public notice forwarded / notice publique transmise',
        );
      }
    } catch (error: unknown) {
      this.fail(kind, summary, { entityId, code: errorCodeOf(error) }, error);
    }
  }

  private fail(
    kind: InterpolNoticeKind,
    summary: PollSummary,
    failure: PollSummary['failures'][number],
    error: unknown,
  ): void {
    summary.failed++;
    summary.failures.push(failure);
    this.observer.failed?.(kind, failure.code);
    this.logger.warn(
      { kind, ...failure, reason: error instanceof Error ? error.message : String(error) },
      'public notice skipped / notice publique ignorée',
    );
  }
}
