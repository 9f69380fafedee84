import type { Redis } from 'ioredis';

export interface RouteLedgerOptions {
  /** Prefix of the keys, e.g. `pcms:routes:router`: one ledger per consumer that forwards. */
  keyPrefix: string;
  /** How long a confirmed route is remembered: as long as a copy of the message may come back. */
  retentionSeconds: number;
  /**
   * Told when Redis cannot answer. The ledger then fails open: the message is published as if no
   * route were recorded (at least once, the destination absorbs a copy) rather than held back, so
   * that a Redis outage never stops a delivery that needed no Redis before the ledger.
   */
  onUnavailable?: (error: unknown, messageId: string) => void;
}

/** What `sendOnce` did: the routes it published now, and those a previous attempt had confirmed. */
export interface SendOnceResult<TRoute> {
  sent: TRoute[];
  skipped: TRoute[];
}

/**
 * Which routes of a message the broker already confirmed, so that a consumer that forwards a
 * message and dies before its ack does not forward it again when the broker redelivers it
 * (issue 12, the publish → acknowledge window). One Redis set per message id, its members the
 * routes confirmed: checked before publishing, a route added only after its own confirm, so a
 * partly failed fan-out sends again only what was not confirmed.
 *
 * What it cannot close without a two-phase commit between the broker and Redis: a death after the
 * broker took a copy and before Redis recorded it. That copy is sent again, and the destination
 * absorbs it (the platform client's store, the peer's store by id); docs/architecture.md, "What
 * happens when a process dies", gives the measured size of that window.
 */
export class RouteLedger {
  constructor(
    private readonly redis: Redis,
    private readonly options: RouteLedgerOptions,
  ) {}

  /** The routes of `routes` already confirmed for `messageId`. */
  async confirmed(messageId: string, routes: readonly string[]): Promise<Set<string>> {
    if (routes.length === 0) return new Set();
    const flags = await this.redis.smismember(this.key(messageId), ...routes);
    return new Set(routes.filter((_, index) => flags[index] === 1));
  }

  /** Records that the broker confirmed `route` for `messageId`. */
  async confirm(messageId: string, route: string): Promise<void> {
    const key = this.key(messageId);
    const replies = await this.redis
      .multi()
      .sadd(key, route)
      .expire(key, this.options.retentionSeconds)
      .exec();
    // A command refused inside the transaction is a reply, not a rejection: the route is not recorded.
    const refused = replies?.find(([error]) => error !== null);
    if (refused) throw refused[0] as Error;
  }

  /**
   * Publishes `messageId` to each route not confirmed yet (all at once), recording each route as
   * soon as its own publish resolved. A publish that fails leaves its route unrecorded and
   * rejects once the others settled, so that a retry sends that route alone. Redis failing fails
   * open (`onUnavailable`).
   */
  async sendOnce<TRoute>(
    messageId: string,
    routes: readonly TRoute[],
    keyOf: (route: TRoute) => string,
    publish: (route: TRoute) => Promise<void>,
  ): Promise<SendOnceResult<TRoute>> {
    const done = await this.confirmed(messageId, routes.map(keyOf)).catch((error: unknown) => {
      this.options.onUnavailable?.(error, messageId);
      return new Set<string>();
    });
    const sent = routes.filter((route) => !done.has(keyOf(route)));
    const skipped = routes.filter((route) => done.has(keyOf(route)));
    const results = await Promise.allSettled(
      sent.map(async (route) => {
        await publish(route);
        // Unrecorded, the route is published again if the message comes back: a copy, not a loss.
        await this.confirm(messageId, keyOf(route)).catch((error: unknown) =>
          this.options.onUnavailable?.(error, messageId),
        );
      }),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return { sent, skipped };
  }

  private key(messageId: string): string {
    return `${this.options.keyPrefix}:${messageId}`;
  }
}
