import { RETRY_DELAY_HEADER, RETRY_QUEUE_HEADER } from '../topology/gateway.topology';
import type { HeaderValue, RetryTopology, Route } from '../topology/topology.types';
import type { AmqpMessage } from './amqp-message';
import { Outcome, type ConsumerOutcome } from './consumer-outcome';

/** Headers of a retried message (docs/architecture.md, retries). */
export const RetryHeader = {
  /** Deliveries that ended in a requeue so far. */
  attempts: 'x-pcms-attempts',
  /** Steps already done and confirmed, comma-separated (`forwarded`): not to be done twice. */
  done: 'x-pcms-retry-done',
  /** Why it was last requeued. */
  code: 'x-pcms-retry-code',
  reason: 'x-pcms-retry-reason',
  // A headers exchange ignores x- headers when it matches: these two route, so they have none.
  queue: RETRY_QUEUE_HEADER,
  delay: RETRY_DELAY_HEADER,
} as const;

export const RETRIES_EXHAUSTED = 'RETRIES_EXHAUSTED';

/** What earlier deliveries of this message left: read only from what came back through our return exchange. */
export interface RetryState {
  readonly attempts: number;
  readonly done: readonly string[];
}

const FRESH: RetryState = { attempts: 0, done: [] };

/**
 * Only the gateway publishes to the return exchange (no platform is granted it), so the headers of
 * a message that came back through it are the gateway's; on any other message they are ignored,
 * whatever a sender wrote in them.
 */
export function retryStateOf(message: AmqpMessage, retry: RetryTopology | undefined): RetryState {
  if (!retry) return FRESH;
  const returned = message.exchange === retry.returnExchange;
  const attempts = returned ? positiveInteger(message.headers[RetryHeader.attempts]) : 0;
  const done = returned ? message.headers[RetryHeader.done] : undefined;
  return {
    attempts: attempts + brokerRedeliveries(message),
    done: typeof done === 'string' && done.length > 0 ? done.split(',') : [],
  };
}

/**
 * A quorum queue counts the deliveries of this copy that came back unsettled (a consumer died,
 * its channel closed) in x-delivery-count. They are deliveries too: counted with ours, so that
 * amqp.retry.maxAttempts is the one limit (no x-delivery-limit on the queues). Read only on a
 * redelivery, the one time the broker has set it; a sender's own value on a first delivery is ignored.
 */
function brokerRedeliveries(message: AmqpMessage): number {
  return message.redelivered ? positiveInteger(message.headers[QUORUM_DELIVERY_COUNT]) : 0;
}

const QUORUM_DELIVERY_COUNT = 'x-delivery-count';

function positiveInteger(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The delay before retry number `attempt` (1-based): the configured list, its last one repeating. */
export function delayOf(retry: RetryTopology, attempt: number): number {
  return retry.delaysMs[Math.min(attempt, retry.delaysMs.length) - 1];
}

export interface RetryPublication {
  readonly route: Route;
  readonly headers: Record<string, HeaderValue | undefined>;
}

/** Where and with which headers a message waits before it goes back to `message.queue`. */
export function retryPublication(
  message: AmqpMessage,
  retry: RetryTopology,
  why: { code: string; reason: string; done?: readonly string[] },
  state: RetryState,
): RetryPublication {
  const attempts = state.attempts + 1;
  const done = [...new Set([...state.done, ...(why.done ?? [])])];
  return {
    // The routing key stays the message's own: its consumer reads it (door, platform).
    route: { exchange: retry.exchange, routingKey: message.routingKey, body: 'pcms-envelope/canonical-json' },
    headers: {
      ...withoutBrokerHeaders(message.headers),
      [RetryHeader.attempts]: attempts,
      [RetryHeader.done]: done.length > 0 ? done.join(',') : undefined,
      [RetryHeader.code]: why.code,
      [RetryHeader.reason]: why.reason,
      [RetryHeader.queue]: message.queue,
      [RetryHeader.delay]: String(delayOf(retry, attempts)),
    },
  };
}

/** The delivery limit turns the last requeue into a dead letter that says why and how often. */
export function limitedOutcome(
  outcome: ConsumerOutcome,
  message: AmqpMessage,
  retry: RetryTopology | undefined,
  stage: string,
): ConsumerOutcome {
  if (outcome.kind !== 'requeue' || !retry) return outcome;
  const attempts = (message.retry?.attempts ?? 0) + 1;
  if (attempts < retry.maxAttempts) return outcome;
  return Outcome.deadLetter(RETRIES_EXHAUSTED, exhaustedReason(outcome, attempts), stage, {
    body: message.body,
    headers: { [RetryHeader.attempts]: attempts },
  });
}

/** The reason a dead letter gives once the delivery limit is reached. */
export function exhaustedReason(why: { code: string; reason: string }, attempts: number): string {
  return `${why.code}: ${why.reason} (gave up after ${attempts} deliveries / abandonné après ${attempts} livraisons)`;
}

// x-death and its summaries belong to the broker: it keeps them itself across dead-letterings.
function withoutBrokerHeaders(
  headers: Readonly<Record<string, HeaderValue | undefined>>,
): Record<string, HeaderValue | undefined> {
  const kept: Record<string, HeaderValue | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (
      name === 'x-death' ||
      name === QUORUM_DELIVERY_COUNT ||
      name.startsWith('x-first-death-') ||
      name.startsWith('x-last-death-')
    )
      continue;
    kept[name] = value;
  }
  return kept;
}
