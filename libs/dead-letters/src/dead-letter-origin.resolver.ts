import type { GatewayTopology, Route } from '@pcms/messaging';

/** The quarantine origin of a failed delivery job (apps/i247-adapter delivery worker). */
export const DELIVERY_ORIGIN = 'i247-adapter.delivery';
/** The quarantine origin of a failed judicial delivery job (apps/judicial-adapter delivery worker). */
export const JUDICIAL_DELIVERY_ORIGIN = 'judicial-adapter.delivery';

export type ReplayTarget =
  | { readonly kind: 'queue'; readonly route: Route }
  | { readonly kind: 'delivery' }
  | { readonly kind: 'judicial-delivery' }
  | { readonly kind: 'not-replayable'; readonly origin: string | undefined }
  | { readonly kind: 'unknown'; readonly origin: string };

/**
 * Where a dead letter goes back to. A consumer's dead letter names the queue it was consumed from
 * and the routing key it carried: it is republished to the exchange that feeds that queue, with
 * that key, so it reaches the same queue (and only the queues that got it the first time).
 * Quarantines from doors that are not queues carry an origin without the namespace prefix.
 */
export function resolveReplayTarget(
  topology: GatewayTopology,
  originalQueue: string | undefined,
  originalRoutingKey: string | undefined,
): ReplayTarget {
  if (originalQueue === DELIVERY_ORIGIN) return { kind: 'delivery' };
  if (originalQueue === JUDICIAL_DELIVERY_ORIGIN) return { kind: 'judicial-delivery' };
  if (originalQueue === undefined || originalRoutingKey === undefined) {
    return { kind: 'not-replayable', origin: originalQueue };
  }
  const queue = topology.declaration.queues.find((q) => q.name === originalQueue);
  if (!queue) {
    // `pcms-adapter.https`, `i247-adapter.inbound`: HTTPS doors, only the sender can send again.
    return originalQueue.endsWith('.https') || originalQueue.endsWith('.inbound')
      ? { kind: 'not-replayable', origin: originalQueue }
      : { kind: 'unknown', origin: originalQueue };
  }
  if (queue.name === topology.declaration.deadLetterQueue) {
    return { kind: 'not-replayable', origin: originalQueue };
  }
  const binding = topology.declaration.bindings.find((b) => b.queue === queue.name);
  if (!binding) return { kind: 'unknown', origin: originalQueue };
  return {
    kind: 'queue',
    route: {
      exchange: binding.exchange,
      routingKey: originalRoutingKey,
      body:
        queue.name === topology.queues.journalWriter.name
          ? 'pcms-journal/event-json'
          : 'pcms-envelope/canonical-json',
    },
  };
}
