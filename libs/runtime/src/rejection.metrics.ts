import type { AmqpMessage, ConsumerOutcome } from '@pcms/messaging';
import type { GatewayMetrics } from '@pcms/observability';

/**
 * Counts one refused message in `pcms_messages_rejected_total{app,code,stage}`. Consumers are
 * counted by `startGatewayApp`; doors that quarantine without a queue (HTTPS) call this beside
 * `AmqpConnection.quarantine`.
 */
export function countRejection(metrics: GatewayMetrics, code: string, stage: string): void {
  metrics.rejected.inc({ app: metrics.app, code, stage });
}

/** Counts one identical resubmission dropped, in `pcms_messages_duplicate_total{app}`. */
export function countDuplicate(metrics: GatewayMetrics): void {
  metrics.duplicates.inc({ app: metrics.app });
}

/**
 * The consumers' outcome observer: every acknowledged message is accepted at stage `consumed`
 * (what this process handled: with N instances, each one's share), every dead-lettered message is
 * a rejection with its code and stage, every requeue a retry with its code. `metricsOf` is asked at each outcome because the
 * transport is built before the Nest container that holds the metrics.
 */
export function countOutcomes(
  metricsOf: () => GatewayMetrics | undefined,
): (outcome: ConsumerOutcome, message: AmqpMessage) => void {
  return (outcome) => {
    const metrics = metricsOf();
    if (!metrics) return;
    if (outcome.kind === 'ack') metrics.accepted.inc({ app: metrics.app, stage: 'consumed' });
    if (outcome.kind === 'dead-letter') countRejection(metrics, outcome.code, outcome.stage);
    if (outcome.kind === 'requeue') metrics.retried.inc({ app: metrics.app, code: outcome.code });
  };
}
