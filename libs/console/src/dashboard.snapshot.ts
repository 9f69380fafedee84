// The dashboard's figures, computed once per tick for every open page (server-sent events), so
// that ten operators watching cost the gateway what one does.
import type { AlertMachine } from '@pcms/alerts';
import type { HoldStatus } from '@pcms/holds';
import type { QueueDepth } from '@pcms/messaging';
import type { PkiStatus } from '@pcms/revocation';
import type { MappingStatus } from '@pcms/translation';
import type { ConsoleSources } from './console.sources';
import { LastHourTally } from './last-hour.tally';
import type { RouteRates } from './route-rates';
import type { SerialDesk } from './serial-desk';

export interface DashboardSnapshot {
  readonly at: string;
  readonly queues: readonly QueueDepth[];
  /** Dead letters by code, most frequent first. */
  readonly deadLettersByCode: readonly (readonly [string, number])[];
  readonly deadLettersTotal: number;
  /** Messages active in the last hour, by their current stage. */
  readonly lastHour: { delivered: number; retrying: number; deadLettered: number };
  readonly holds: Record<HoldStatus, number> | null;
  readonly pki: PkiStatus | null;
  /** What each translating process loaded and refused; null when Redis cannot be read. */
  readonly mappings: readonly MappingStatus[] | null;
  /** Whether the I-24/7 peer accepted a connection at this tick. */
  readonly peerReachable: boolean;
  /** Messages per minute per route over the last hour, for the chart. */
  readonly rates: RouteRates;
  /** The alerts firing (as the console holding the alerts' lease last evaluated them). */
  readonly alerts: readonly AlertMachine[];
}

/**
 * Reading dead letters takes them off the queue for a moment (QueueStats.peekDeadLetters): their
 * codes are re-read when the queue's depth changed, else at most this often, so that a replay
 * rarely meets them away.
 */
const DEAD_LETTER_READ_EVERY_MS = 15_000;
const DEAD_LETTERS_READ = 1000;
/**
 * The mappings board is read with Redis KEYS (as `pcms status` does): at most this often, since
 * a process publishes only at start and after a change or a refusal.
 */
const MAPPINGS_READ_EVERY_MS = 5_000;
/**
 * Queue depths (a broker channel per queue), holds, the peer probe and the alerts are read at most
 * this often; the journal's counts at every tick. Reading them all every 500 ms cost the gateway
 * 17 % of its throughput in the console bench (the broker opening 40 channels a second).
 */
const STATE_READ_EVERY_MS = 2_000;

type ServiceState = Pick<DashboardSnapshot, 'queues' | 'holds' | 'peerReachable' | 'alerts'>;

export class DashboardFeed {
  private byCode: { at: number; total: number; codes: (readonly [string, number])[] } | undefined;
  private mappings: { at: number; statuses: MappingStatus[] | null } | undefined;
  private state: { at: number; read: Promise<ServiceState> } | undefined;
  private readonly tally: LastHourTally;

  constructor(
    private readonly sources: ConsoleSources,
    private readonly desk: SerialDesk,
  ) {
    this.tally = new LastHourTally(sources.journal);
  }

  async snapshot(now = new Date()): Promise<DashboardSnapshot> {
    const [{ queues, holds, peerReachable, alerts }, { lastHour, rates }] = await Promise.all([
      this.serviceState(now),
      this.tally.counts(now),
    ]);
    const depth = queues.find((queue) => queue.queue === this.sources.deadLetterQueue)?.messageCount;
    const deadLetters = await this.deadLetters(now, depth);
    const mappings = await this.mappingStatuses(now);
    return {
      at: now.toISOString(),
      queues,
      deadLettersByCode: deadLetters.codes,
      // The codes are re-read now and then; the count is the queue's depth (STATE_READ_EVERY_MS).
      deadLettersTotal:
        queues.find((queue) => queue.queue === this.sources.deadLetterQueue)?.messageCount ??
        deadLetters.total,
      lastHour,
      rates,
      peerReachable,
      alerts,
      holds,
      pki: this.sources.pkiStatus(),
      mappings,
    };
  }

  private serviceState(now: Date): Promise<ServiceState> {
    if (this.state && now.getTime() - this.state.at < STATE_READ_EVERY_MS) return this.state.read;
    const read = Promise.all([
      this.sources.queueDepths(),
      this.sources.holdCounts(),
      this.sources.peerReachable(),
      this.sources.alerts?.firing() ?? [],
    ]).then(([queues, holds, peerReachable, alerts]) => ({ queues, holds, peerReachable, alerts }));
    // A failed read is not kept: the next tick asks again.
    this.state = { at: now.getTime(), read };
    read.catch(() => {
      if (this.state?.read === read) this.state = undefined;
    });
    return read;
  }

  private async mappingStatuses(now: Date): Promise<MappingStatus[] | null> {
    if (this.mappings && now.getTime() - this.mappings.at < MAPPINGS_READ_EVERY_MS)
      return this.mappings.statuses;
    const statuses = await this.sources.mappingStatuses();
    this.mappings = { at: now.getTime(), statuses };
    return statuses;
  }

  /** The codes, re-read when the queue's depth changed or at most every DEAD_LETTER_READ_EVERY_MS. */
  private async deadLetters(
    now: Date,
    depth: number | undefined,
  ): Promise<{ total: number; codes: (readonly [string, number])[] }> {
    const fresh = this.byCode && now.getTime() - this.byCode.at < DEAD_LETTER_READ_EVERY_MS;
    if (this.byCode && fresh && (depth === undefined || depth === this.byCode.total)) return this.byCode;
    const { total, letters } = await this.desk.list(DEAD_LETTERS_READ);
    const counts = new Map<string, number>();
    for (const letter of letters) counts.set(letter.code ?? '-', (counts.get(letter.code ?? '-') ?? 0) + 1);
    const codes = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    this.byCode = { at: now.getTime(), total, codes };
    return this.byCode;
  }
}
