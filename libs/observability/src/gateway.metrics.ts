import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The gateway's metrics, one registry per process. Names follow Prometheus conventions
 * (https://prometheus.io/docs/practices/naming/): a `pcms_` prefix, `_total` on counters.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  /** Every message refused at a door or a stage, by its reason code. */
  readonly rejected = new Counter({
    name: 'pcms_messages_rejected_total',
    help: 'Messages refused and quarantined, by code and stage',
    labelNames: ['app', 'code', 'stage'] as const,
    registers: [this.registry],
  });

  /** Messages sent round again after a delay (Redis, database or broker away; a claim in progress). */
  readonly retried = new Counter({
    name: 'pcms_messages_retried_total',
    help: 'Messages requeued with a delay because they could not be settled now, by code',
    labelNames: ['app', 'code'] as const,
    registers: [this.registry],
  });

  /** Messages a stage let through. */
  readonly accepted = new Counter({
    name: 'pcms_messages_accepted_total',
    help: 'Messages accepted by a stage',
    labelNames: ['app', 'stage'] as const,
    registers: [this.registry],
  });

  /** Identical resubmissions dropped (at-least-once on the wire, effectively-once at the destination). */
  readonly duplicates = new Counter({
    name: 'pcms_messages_duplicate_total',
    help: 'Identical messages dropped because their id was already processed',
    labelNames: ['app'] as const,
    registers: [this.registry],
  });

  /** Days until each certificate of the PKI expires (negative once expired). */
  readonly certificateDaysToExpiry = new Gauge({
    name: 'pcms_certificate_days_to_expiry',
    help: 'Days until the certificate expires',
    labelNames: ['id', 'serial'] as const,
    registers: [this.registry],
  });

  constructor(readonly app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'pcms_process_' });
  }
}
