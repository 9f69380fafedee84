import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';
import type { BindingSpec, ExchangeSpec, QueueSpec, RetryTopology, Route, Topology } from './topology.types';

export type GatewayPlatformId = PlatformId;

/**
 * Headers of every hop: the body is the RFC 8785 canonical JSON of a PCMS envelope and
 * `pcms-signature` the base64 DER of its detached CMS SignedData (docs/architecture.md, wire formats).
 */
export interface SignedEnvelopeHeaders {
  readonly 'pcms-signature': string;
  readonly 'pcms-message-type'?: string;
  readonly 'pcms-correlation-id'?: string;
  readonly [header: string]: string | number | boolean | undefined;
}

export type SignedEnvelopeRoute = Route<SignedEnvelopeHeaders, 'pcms-envelope/canonical-json'>;

/**
 * `pcms-signer` of a hop whose `pcms-signature` the gateway made itself over these very bytes (the
 * router's re-addressed inbound notices): the platform delivery hands it on instead of signing the
 * same bytes again. A platform verifies it as any gateway signature.
 */
export const GATEWAY_SIGNER_ID = 'GATEWAY';

/**
 * Headers of a journal message; the body is the JSON of one `JournalEvent`, or of the array of those
 * an app emitted together (docs/architecture.md, the journal).
 */
export interface JournalEventHeaders {
  readonly 'pcms-journal-stage': string;
  readonly 'pcms-journal-app': string;
  readonly 'pcms-correlation-id'?: string;
  readonly [header: string]: string | number | boolean | undefined;
}

export type JournalEventRoute = Route<JournalEventHeaders, 'pcms-journal/event-json'>;

/**
 * Headers of a judicial message accepted at the judicial adapter's door (issue 15): the body is the
 * message's bytes exactly as its sender signed them (a `JudicialMessage`, JSON) and
 * `pcms-signature` the sender's detached CMS signature (base64 DER), so that the next hop can
 * verify the sender again and deliver the very bytes it signed.
 */
export interface JudicialMessageHeaders {
  readonly 'pcms-signature': string;
  /** `judicial.request`, `judicial.status` or `judicial.contact`. */
  readonly 'pcms-message-type': string;
  /** The directory id of the sending authority (its certificate's CN). */
  readonly 'pcms-judicial-from': string;
  /** The request the message is about (correlation of the journal). */
  readonly 'pcms-correlation-id'?: string;
  readonly [header: string]: string | number | boolean | undefined;
}

export type JudicialMessageRoute = Route<JudicialMessageHeaders, 'pcms-judicial/message-json'>;

export interface GatewayTopology {
  readonly exchanges: {
    readonly submissions: ExchangeSpec;
    readonly bus: ExchangeSpec;
    readonly platforms: ExchangeSpec;
    readonly deadLetter: ExchangeSpec;
    readonly journal: ExchangeSpec;
    readonly retry: ExchangeSpec;
    readonly retryReturn: ExchangeSpec;
  };
  readonly queues: {
    readonly adapterSubmissions: QueueSpec;
    readonly routerOutbound: QueueSpec;
    readonly i247Outbound: QueueSpec;
    readonly routerInbound: QueueSpec;
    readonly adapterDeliveries: QueueSpec;
    readonly platforms: Readonly<Record<GatewayPlatformId, QueueSpec>>;
    readonly deadLetters: QueueSpec;
    readonly journalWriter: QueueSpec;
    /** Judicial messages accepted at the door, waiting to be routed and delivered (judicial adapter). */
    readonly judicialRoute: QueueSpec;
  };
  readonly routes: {
    /** A platform submits a signed envelope (it may publish only its own key: broker permissions). */
    readonly submit: (platformId: GatewayPlatformId) => SignedEnvelopeRoute;
    /**
     * What the platforms' HTTPS door hands on for a platform. A platform's broker user may publish
     * only `submit.<ID>`, so the key itself says, unforgeably, that the gateway's door took it.
     */
    readonly submitThroughHttps: (platformId: GatewayPlatformId) => SignedEnvelopeRoute;
    /** Verified PCMS message to be routed outward; `type` is the PCMS message type. */
    readonly outbound: (type: string) => SignedEnvelopeRoute;
    /** Message released to the I-24/7-like network. */
    readonly interpol: (type: string) => SignedEnvelopeRoute;
    /** Message received from an external network, to be routed to platforms. */
    readonly inbound: (type: string) => SignedEnvelopeRoute;
    /** Gateway-signed envelope for the PCMS adapter to deliver to a platform. */
    readonly deliver: (platformId: GatewayPlatformId) => SignedEnvelopeRoute;
    /** A platform's own queue. */
    readonly platform: (platformId: GatewayPlatformId) => SignedEnvelopeRoute;
    /** One stage of one message, for the journal writer (`stage` is a journal stage). */
    readonly journal: (stage: string) => JournalEventRoute;
    /** A judicial message accepted at the judicial door, to be routed; `type` is its type (`judicial.request`…). */
    readonly judicialRoute: (type: string) => JudicialMessageRoute;
  };
  readonly declaration: Topology;
}

/** How a consumer retries what it cannot settle now (configuration `amqp.retry`). */
export interface RetrySettings {
  readonly delaysMs: readonly number[];
  readonly maxAttempts: number;
}

/**
 * About 24 minutes of patience over 10 deliveries: long enough for Redis, PostgreSQL or a broker
 * node to come back, or for a crashed process's dedupe claim (60 s) to lapse.
 */
export const DEFAULT_RETRY: RetrySettings = {
  delaysMs: [1000, 5000, 15_000, 60_000, 300_000],
  maxAttempts: 10,
};

/** Header that names the queue a retried message goes back to (the return exchange matches on it). */
export const RETRY_QUEUE_HEADER = 'pcms-retry-queue';
/** Header that names the wait queue (its delay) a retried message waits in. */
export const RETRY_DELAY_HEADER = 'pcms-retry-delay';

/** The gateway's whole broker layout; `ns` prefixes every name (tests, several deployments on one vhost). */
export function gatewayTopology(ns = '', retrySettings: RetrySettings = DEFAULT_RETRY): GatewayTopology {
  const exchange = (name: string, kind: ExchangeSpec['kind']): ExchangeSpec => ({ name: ns + name, kind });
  const exchanges = {
    submissions: exchange('pcms.submissions', 'topic'),
    bus: exchange('pcms.bus', 'topic'),
    platforms: exchange('pcms.platforms', 'direct'),
    deadLetter: exchange('pcms.dead-letter', 'topic'),
    journal: exchange('pcms.journal', 'topic'),
    // Headers exchanges: a retried message keeps its own routing key (consumers read it), so
    // which wait queue and which queue back are chosen by header, never by key.
    retry: exchange('pcms.retry', 'headers'),
    retryReturn: exchange('pcms.retry.return', 'headers'),
  };
  // Safety net: whatever the broker itself rejects or expires still lands in the dead-letter queue.
  const queue = (name: string): QueueSpec => ({
    name: ns + name,
    deadLetterExchange: exchanges.deadLetter.name,
  });
  const platformQueues = Object.fromEntries(
    PLATFORM_IDS.map((id) => [id, queue(`platform.${id}`)]),
  ) as Record<GatewayPlatformId, QueueSpec>;
  const queues = {
    adapterSubmissions: queue('pcms-adapter.submissions'),
    routerOutbound: queue('router.outbound'),
    i247Outbound: queue('i247-adapter.outbound'),
    routerInbound: queue('router.inbound'),
    adapterDeliveries: queue('pcms-adapter.deliveries'),
    platforms: platformQueues,
    deadLetters: { name: ns + 'pcms.dead-letters' },
    journalWriter: queue('journal-writer.events'),
    judicialRoute: queue('judicial.route'),
  };
  const bind = (ex: ExchangeSpec, q: QueueSpec, pattern: string): BindingSpec => ({
    exchange: ex.name,
    queue: q.name,
    pattern,
  });
  const retry: RetryTopology = {
    exchange: exchanges.retry.name,
    returnExchange: exchanges.retryReturn.name,
    delaysMs: [...new Set(retrySettings.delaysMs)],
    maxAttempts: retrySettings.maxAttempts,
  };
  // Named by their delay: a queue's TTL cannot change, a new delay is a new queue.
  const waitQueues: QueueSpec[] = retry.delaysMs.map((delay) => ({
    name: `${ns}pcms.retry.wait.${delay}ms`,
    deadLetterExchange: exchanges.retryReturn.name,
    messageTtlMs: delay,
  }));
  const consumed = [
    queues.adapterSubmissions,
    queues.routerOutbound,
    queues.i247Outbound,
    queues.routerInbound,
    queues.adapterDeliveries,
    queues.journalWriter,
    queues.judicialRoute,
  ];
  const retryBindings: BindingSpec[] = [
    ...waitQueues.map((q, i) => ({
      ...bind(exchanges.retry, q, ''),
      arguments: { 'x-match': 'all', [RETRY_DELAY_HEADER]: String(retry.delaysMs[i]) },
    })),
    ...consumed.map((q) => ({
      ...bind(exchanges.retryReturn, q, ''),
      arguments: { 'x-match': 'all', [RETRY_QUEUE_HEADER]: q.name },
    })),
  ];
  const bindings: BindingSpec[] = [
    bind(exchanges.submissions, queues.adapterSubmissions, 'submit.*'),
    bind(exchanges.submissions, queues.adapterSubmissions, 'submit.*.https'),
    bind(exchanges.bus, queues.routerOutbound, 'outbound.#'),
    bind(exchanges.bus, queues.i247Outbound, 'interpol.#'),
    bind(exchanges.bus, queues.routerInbound, 'inbound.#'),
    bind(exchanges.bus, queues.adapterDeliveries, 'deliver.*'),
    ...PLATFORM_IDS.map((id) => bind(exchanges.platforms, platformQueues[id], id)),
    bind(exchanges.deadLetter, queues.deadLetters, '#'),
    bind(exchanges.journal, queues.journalWriter, 'journal.#'),
    // The judicial message types all start with `judicial.`: one key per type, one queue.
    bind(exchanges.bus, queues.judicialRoute, 'judicial.#'),
    ...retryBindings,
  ];
  const route = (ex: ExchangeSpec, routingKey: string): SignedEnvelopeRoute => ({
    exchange: ex.name,
    routingKey,
    body: 'pcms-envelope/canonical-json',
  });
  return {
    exchanges,
    queues,
    routes: {
      submit: (platformId) => route(exchanges.submissions, `submit.${platformId}`),
      submitThroughHttps: (platformId) => route(exchanges.submissions, `submit.${platformId}.https`),
      outbound: (type) => route(exchanges.bus, `outbound.${type}`),
      interpol: (type) => route(exchanges.bus, `interpol.${type}`),
      inbound: (type) => route(exchanges.bus, `inbound.${type}`),
      deliver: (platformId) => route(exchanges.bus, `deliver.${platformId}`),
      platform: (platformId) => route(exchanges.platforms, platformId),
      journal: (stage) => ({
        exchange: exchanges.journal.name,
        routingKey: `journal.${stage}`,
        body: 'pcms-journal/event-json',
      }),
      judicialRoute: (type) => ({
        exchange: exchanges.bus.name,
        routingKey: type,
        body: 'pcms-judicial/message-json',
      }),
    },
    declaration: {
      exchanges: Object.values(exchanges),
      queues: [
        queues.adapterSubmissions,
        queues.routerOutbound,
        queues.i247Outbound,
        queues.routerInbound,
        queues.adapterDeliveries,
        ...PLATFORM_IDS.map((id) => platformQueues[id]),
        queues.deadLetters,
        queues.journalWriter,
        queues.judicialRoute,
        ...waitQueues,
      ],
      bindings,
      deadLetterExchange: exchanges.deadLetter.name,
      deadLetterQueue: queues.deadLetters.name,
      retry,
    },
  };
}
