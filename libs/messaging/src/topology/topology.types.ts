export type ExchangeKind = 'topic' | 'direct' | 'fanout' | 'headers';
export type QueueType = 'classic' | 'quorum';
export type HeaderValue = string | number | boolean;

export interface ExchangeSpec {
  readonly name: string;
  readonly kind: ExchangeKind;
}

export interface QueueSpec {
  readonly name: string;
  /** Exchange that receives what the broker itself dead-letters (rejects without requeue, expiry). */
  readonly deadLetterExchange?: string;
  /** A wait queue of the retry layout: how long a message stays before it is dead-lettered back. */
  readonly messageTtlMs?: number;
}

export interface BindingSpec {
  readonly exchange: string;
  readonly queue: string;
  readonly pattern: string;
  /** Binding arguments (a headers exchange matches on them). */
  readonly arguments?: Readonly<Record<string, HeaderValue>>;
}

/**
 * Delayed retries (docs/architecture.md, retries): a consumer that cannot settle a message now
 * republishes it to `exchange` with the delay it must wait; a wait queue per delay holds it for that
 * long (x-message-ttl), then dead-letters it to `returnExchange`, which routes it by header back to
 * the queue it came from. After `maxAttempts` deliveries it is dead-lettered with its reason.
 */
export interface RetryTopology {
  readonly exchange: string;
  readonly returnExchange: string;
  /** The delay before the 1st, 2nd, … retry; the last one repeats. */
  readonly delaysMs: readonly number[];
  readonly maxAttempts: number;
}

/** What `AmqpConnection` declares (again on every reconnect): flat, broker-level names. */
export interface Topology {
  readonly exchanges: readonly ExchangeSpec[];
  readonly queues: readonly QueueSpec[];
  readonly bindings: readonly BindingSpec[];
  /** Where consumers publish the messages they dead-letter. */
  readonly deadLetterExchange: string;
  readonly deadLetterQueue: string;
  /** Without it, a requeue goes straight back to the queue (no delay, no limit). */
  readonly retry?: RetryTopology;
}

/** What a route's body holds; all hops carry bytes, this names which bytes. */
export type BodyContract =
  'pcms-envelope/canonical-json' | 'pcms-journal/event-json' | 'pcms-judicial/message-json';

/**
 * A destination a message is published to. The type parameters carry the body and header
 * contract of the route so that `publish` refuses headers the route does not define.
 */
export interface Route<
  THeaders extends Readonly<Record<string, HeaderValue | undefined>> = Readonly<
    Record<string, HeaderValue | undefined>
  >,
  TBody extends BodyContract = BodyContract,
> {
  readonly exchange: string;
  readonly routingKey: string;
  readonly body: TBody;
  /** Type-level only: never set at runtime. */
  readonly headersContract?: THeaders;
}

export type HeadersOf<R> = R extends Route<infer H, BodyContract> ? H : never;
