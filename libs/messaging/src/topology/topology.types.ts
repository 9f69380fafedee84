export type ExchangeKind = 'topic' | 'direct' | 'fanout';
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
}

export interface BindingSpec {
  readonly exchange: string;
  readonly queue: string;
  readonly pattern: string;
}

/** What `AmqpConnection` declares (again on every reconnect): flat, broker-level names. */
export interface Topology {
  readonly exchanges: readonly ExchangeSpec[];
  readonly queues: readonly QueueSpec[];
  readonly bindings: readonly BindingSpec[];
  /** Where consumers publish the messages they dead-letter. */
  readonly deadLetterExchange: string;
  readonly deadLetterQueue: string;
}

/** What a route's body holds; all hops carry bytes, this names which bytes. */
export type BodyContract = 'pcms-envelope/canonical-json' | 'pcms-journal/event-json';

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
