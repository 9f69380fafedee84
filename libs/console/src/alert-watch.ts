// The console's alerts (issue 13, point 7): one console at a time (the app runs `evaluate` under a
// lease, `runExclusively`) reads the signals the dashboard shows, runs the pure state machine of
// @pcms/alerts, journals each transition (`alert-fired`, `alert-cleared`, the occurrence's id as
// the journal's message id) and keeps the state in Redis, where every console reads what is firing.
import {
  advanceBacklog,
  alertKey,
  firingAlerts,
  measure,
  stepAlerts,
  type AlertMachine,
  type AlertRules,
  type AlertSignals,
  type AlertState,
  type AlertTransition,
  type BacklogSince,
} from '@pcms/alerts';
import type { JournalStage } from '@pcms/journal';
import type { StageEvent } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import type { AlertSignalMetrics } from '@pcms/observability';
import { randomUUID } from 'node:crypto';
import type { ConsoleSources } from './console.sources';

/** What survives an evaluation, in Redis: the machines, the backlog clock, events not yet confirmed. */
export interface AlertRecord {
  readonly machines: AlertState;
  readonly backlog: BacklogSince;
  /** Transitions journaled but not yet confirmed by the broker: sent again at the next evaluation. */
  readonly outbox: readonly StageEvent[];
}

/** Where the record is kept (Redis: `RedisAlertStore`); every console reads, the lease holder writes. */
export interface AlertStore {
  load(): Promise<AlertRecord | undefined>;
  save(record: AlertRecord): Promise<void>;
}

/** The alerts firing now, for the dashboard of any console. */
export interface AlertBoard {
  firing(): Promise<AlertMachine[]>;
}

export type AlertSignalSources = Pick<
  ConsoleSources,
  'journal' | 'queueDepths' | 'pkiStatus' | 'peerReachable' | 'waitingHolds'
>;

export interface AlertWatchOptions {
  readonly rules: AlertRules;
  readonly sources: AlertSignalSources;
  readonly store: AlertStore;
  /** The journal emitter's emit: resolves once the broker confirmed every event. */
  readonly journal: (events: readonly StageEvent[]) => Promise<void>;
  /** Prefix of the topology's queue names, left out of the alerts' subjects (`test.`). */
  readonly namespace: string;
  readonly logger: Logger;
  readonly metrics?: AlertSignalMetrics;
  /** The peer's id, the label of pcms_peer_reachable. */
  readonly peerId?: string;
  readonly clock?: () => Date;
  readonly newId?: () => string;
}

const STAGE: Readonly<Record<AlertTransition['kind'], JournalStage>> = {
  fired: 'alert-fired',
  cleared: 'alert-cleared',
};
const HOLDS_READ = 500;
const REJECTIONS_READ = 10_000;

export class AlertWatch implements AlertBoard {
  constructor(private readonly options: AlertWatchOptions) {}

  async firing(): Promise<AlertMachine[]> {
    const record = await this.options.store.load();
    return record ? firingAlerts(record.machines) : [];
  }

  /** One evaluation; the transitions it announced (journaled, or left in the outbox until they are). */
  async evaluate(): Promise<AlertTransition[]> {
    const { rules, store, logger } = this.options;
    const now = this.options.clock?.() ?? new Date();
    const before = (await store.load()) ?? { machines: {}, backlog: {}, outbox: [] };
    const read = await this.signals(before, now);
    const { measurements, unknown } = measure(rules, read.signals, now);
    const unknownKeys = [
      ...unknown,
      ...Object.keys(before.machines).filter((key) =>
        read.unknownRules.some((rule) => key.startsWith(`${rule}|`)),
      ),
    ];
    const { state, transitions } = stepAlerts(
      before.machines,
      measurements,
      now,
      this.options.newId ?? randomUUID,
      unknownKeys,
    );
    const outbox = [...before.outbox, ...transitions.map(eventOf)];
    // Saved before it is journaled: a console dying here leaves the events to its successor.
    await store.save({ machines: state, backlog: read.backlog, outbox });
    if (outbox.length > 0) {
      try {
        await this.options.journal(outbox);
        await store.save({ machines: state, backlog: read.backlog, outbox: [] });
      } catch (error: unknown) {
        logger.warn(
          { code: codeOf(error), events: outbox.length },
          'alert events not journaled yet, sent again at the next evaluation / événements d’alerte pas encore journalisés',
        );
      }
    }
    for (const transition of transitions) {
      logger.warn(
        { alert: transition.kind, rule: transition.rule, alertId: transition.id },
        transition.kind === 'fired' ? 'alert fired / alerte déclenchée' : 'alert cleared / alerte levée',
      );
    }
    this.export(read.signals, state);
    return transitions;
  }

  /** The signals the rules need; a source that fails leaves its alerts as they are (`unknownRules`). */
  private async signals(
    before: AlertRecord,
    now: Date,
  ): Promise<{ signals: AlertSignals; backlog: BacklogSince; unknownRules: string[] }> {
    const { sources, rules, namespace } = this.options;
    const unknownRules: string[] = [];
    const attempt = async <T>(rulesOf: string[], read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch {
        unknownRules.push(...rulesOf);
        return undefined;
      }
    };
    const window = rules.rejectionsPerMinute?.windowMinutes;
    const [depths, holds, peerReachable, rejections] = await Promise.all([
      attempt(['queue-depth', 'queue-oldest'], () => sources.queueDepths()),
      attempt(['hold-expiring'], () => sources.waitingHolds(HOLDS_READ)),
      rules.peerUnreachable ? attempt([], () => sources.peerReachable()) : Promise.resolve(undefined),
      window ? attempt([], () => this.rejectionsPerMinute(window, now)) : Promise.resolve(undefined),
    ]);
    const pki = await attempt(['certificate-expiry'], () => Promise.resolve(sources.pkiStatus()));
    const queues = (depths ?? []).map((q) => ({
      queue: q.queue.startsWith(namespace) ? q.queue.slice(namespace.length) : q.queue,
      depth: q.messageCount,
      consumers: q.consumerCount,
    }));
    const backlog = depths
      ? advanceBacklog(before.backlog, queues, now)
      : { since: before.backlog, oldestSeconds: {} };
    return {
      signals: {
        queues: queues.map((q) => ({ ...q, oldestSeconds: backlog.oldestSeconds[q.queue] ?? 0 })),
        certificates: (pki?.certificates ?? [])
          .filter((c) => !c.revoked)
          .map((c) => ({ id: c.id, daysToExpiry: c.daysToExpiry })),
        waitingHolds: (holds ?? []).map((hold) => ({ holdId: hold.id, expiresAt: hold.expiresAt })),
        peerReachable,
        rejectionsPerMinute: rejections,
      },
      backlog: backlog.since,
      unknownRules,
    };
  }

  /** Messages whose latest stage in the window is a refusal or a quarantine, per minute. */
  private async rejectionsPerMinute(windowMinutes: number, now: Date): Promise<number> {
    const since = new Date(now.getTime() - windowMinutes * 60_000);
    const counts = await Promise.all(
      (['rejected', 'dead-lettered'] as const).map(
        async (stage) =>
          (await this.options.sources.journal.search({ stage, since, limit: REJECTIONS_READ })).length,
      ),
    );
    return Math.round((((counts[0] ?? 0) + (counts[1] ?? 0)) / windowMinutes) * 10) / 10;
  }

  /** The holder's measurements and alerts as gauges (AlertSignalMetrics), replaced at each evaluation. */
  private export(signals: AlertSignals, state: AlertState): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    metrics.clear();
    for (const q of signals.queues) {
      metrics.queueMessages.set({ queue: q.queue }, q.depth);
      metrics.queueConsumers.set({ queue: q.queue }, q.consumers ?? 0);
      metrics.queueBacklogAge.set({ queue: q.queue }, q.oldestSeconds);
    }
    if (signals.peerReachable !== undefined)
      metrics.peerReachable.set({ peer: this.options.peerId ?? 'peer' }, signals.peerReachable ? 1 : 0);
    const now = this.options.clock?.() ?? new Date();
    for (const hold of signals.waitingHolds) {
      metrics.holdMinutesToExpiry.set(
        { hold: hold.holdId },
        (Date.parse(hold.expiresAt) - now.getTime()) / 60_000,
      );
    }
    for (const machine of firingAlerts(state)) metrics.alertsFiring.inc({ rule: machine.rule });
  }
}

/** The journal event of a transition: the occurrence is the "message", fired then cleared. */
function eventOf(transition: AlertTransition): StageEvent {
  return {
    messageId: transition.id,
    stage: STAGE[transition.kind],
    details: {
      rule: transition.rule,
      subject: transition.subject,
      value: transition.value,
      fire: transition.threshold.fire,
      clear: transition.threshold.clear,
      forSeconds: transition.threshold.forSeconds,
      direction: transition.direction,
      firedAt: transition.firedAt,
      at: transition.at,
      key: alertKey(transition.rule, transition.subject),
    },
  };
}

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'INTERNAL';
}
