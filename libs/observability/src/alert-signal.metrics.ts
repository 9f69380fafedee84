import { Gauge, type Registry } from 'prom-client';

/**
 * What the console measures for its alerts (@pcms/alerts), exported so that a Prometheus server
 * evaluates the same rules (ops/prometheus/pcms-alerts.rules.yml). Only the console that holds the
 * alerts' lease measures; the others export none of these series (see `clear`).
 */
export class AlertSignalMetrics {
  /** Messages ready in each queue of the topology, the name without the deployment's namespace. */
  readonly queueMessages: Gauge<'queue'>;
  readonly queueConsumers: Gauge<'queue'>;
  /** Seconds each queue has held messages without being seen empty (an upper bound of the oldest message's wait). */
  readonly queueBacklogAge: Gauge<'queue'>;
  /**
   * 1 when the I-24/7 peer (its id) accepted a TCP connection at the last evaluation, else 0. A
   * label, so that `clear` drops the series: a gauge without labels would be reset to 0, unreachable.
   */
  readonly peerReachable: Gauge<'peer'>;
  /** Minutes left before each waiting hold expires undecided. */
  readonly holdMinutesToExpiry: Gauge<'hold'>;
  /** The console's alerts firing now, by rule. */
  readonly alertsFiring: Gauge<'rule'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.queueMessages = new Gauge({
      name: 'pcms_queue_messages',
      help: 'Messages ready in the queue',
      labelNames: ['queue'],
      registers,
    });
    this.queueConsumers = new Gauge({
      name: 'pcms_queue_consumers',
      help: 'Consumers of the queue',
      labelNames: ['queue'],
      registers,
    });
    this.queueBacklogAge = new Gauge({
      name: 'pcms_queue_backlog_age_seconds',
      help: 'Seconds the queue has held messages without being seen empty (upper bound of the oldest message age)',
      labelNames: ['queue'],
      registers,
    });
    this.peerReachable = new Gauge({
      name: 'pcms_peer_reachable',
      help: '1 when the I-24/7 peer accepted a connection at the last evaluation, else 0',
      labelNames: ['peer'],
      registers,
    });
    this.holdMinutesToExpiry = new Gauge({
      name: 'pcms_hold_minutes_to_expiry',
      help: 'Minutes left before a waiting hold expires undecided',
      labelNames: ['hold'],
      registers,
    });
    this.alertsFiring = new Gauge({
      name: 'pcms_alerts_firing',
      help: 'Alerts of the console firing now, by rule',
      labelNames: ['rule'],
      registers,
    });
  }

  /** Drops every series: a console that lost the lease must not export stale measurements. */
  clear(): void {
    for (const gauge of [
      this.queueMessages,
      this.queueConsumers,
      this.queueBacklogAge,
      this.peerReachable,
      this.holdMinutesToExpiry,
      this.alertsFiring,
    ]) {
      gauge.reset();
    }
  }
}
