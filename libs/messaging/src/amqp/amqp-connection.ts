import { randomUUID } from 'node:crypto';
import type { Channel, ConfirmChannel, ConsumeMessage, Message } from 'amqplib';
import amqpConnectionManager, {
  type AmqpConnectionManager,
  type ChannelWrapper,
} from 'amqp-connection-manager';
import { MessagingError, MessagingErrorCode } from '../messaging.error';
import type { HeaderValue, QueueType, Route, Topology } from '../topology/topology.types';
import { PUBLISH_TOKEN_HEADER, type AmqpMessage } from './amqp-message';
import { deadLetterHeaders, type DeadLetterReason } from './dead-letter.headers';
import {
  deadLetterUnexpected,
  type ConsumerOutcome,
  type ErrorPolicy,
  type MessageHandler,
} from './consumer-outcome';
import { ConsumerRunner } from './consumer.runner';
import { BatchConsumerRunner, type BatchHandler, type BatchOptions } from './batch-consumer.runner';
import { tlsSocketOptions, type AmqpClientTls } from './amqp-tls.options';
import { declareTopology } from './topology.declarer';
import { coalesceFrameWrites } from './frame-writes.coalescer';

export interface MessagingLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AmqpConnectOptions {
  /** Unacknowledged deliveries per consumer; bounds memory and in-flight work. Default 32. */
  readonly prefetch?: number;
  /** Declared on connect and again on every reconnect. */
  readonly topology?: Topology;
  /** Default `quorum`, as configuration `amqp.queueType` (docs/architecture.md, broker cluster). */
  readonly queueType?: QueueType;
  /** Shown by the broker (`client_properties.connection_name`): operators see who is connected. */
  readonly connectionName?: string;
  readonly heartbeatSeconds?: number;
  readonly reconnectSeconds?: number;
  /** How long a publish may wait for its confirm, reconnections included. Default 30 s. */
  readonly publishTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly logger?: MessagingLogger;
  /** Client side of TLS; the URL must then be `amqps://`. */
  readonly tls?: AmqpClientTls;
}

export interface PublishOptions<THeaders> {
  readonly headers: THeaders;
  readonly messageId?: string;
  readonly contentType?: string;
}

export interface ConsumeOptions {
  /** Turns a thrown error into an outcome. Default: dead-letter with code UNEXPECTED. */
  readonly errorPolicy?: ErrorPolicy;
  /** Stage named in dead letters made from thrown errors. Default: the queue name. */
  readonly stage?: string;
  /** Told every decided outcome before it is settled (metrics); it cannot change the outcome. */
  readonly onOutcome?: OutcomeObserver;
}

export type OutcomeObserver = (outcome: ConsumerOutcome, message: AmqpMessage) => void;

export interface ConsumerHandle {
  readonly queue: string;
  cancel(): Promise<void>;
}

type ResolvedOptions = AmqpConnectOptions &
  Required<Pick<AmqpConnectOptions, 'prefetch' | 'publishTimeoutMs' | 'logger'>>;

const consoleLogger: MessagingLogger = {
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

export class AmqpConnection {
  private readonly returnedTokens = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batchFlushes = new Set<() => void>();
  private consumeChannel: Channel | undefined;
  private closing = false;
  private closed = false;
  private blockedReason: string | undefined;
  /** Counts lost connections: a publish that fails across one is sent again, not reported. */
  private disconnects = 0;
  private currentUrl: string | undefined;
  /** The topology is declared once per connection, whichever channel is set up first. */
  private declaring: { connection: object; done: Promise<void> } | undefined;
  /** Why the last declaration failed; `connect` refuses to start on it (a reconnect only logs it). */
  private declarationError: unknown;

  private readonly publisher: ChannelWrapper;
  private readonly consumer: ChannelWrapper;

  private constructor(
    private readonly manager: AmqpConnectionManager,
    private readonly options: ResolvedOptions,
  ) {
    const declare = async (): Promise<void> => {
      const { topology } = options;
      const connection = manager.connection;
      if (!topology || !connection) return;
      if (this.declaring?.connection !== connection) {
        const done = declareTopology(
          async () => {
            const channel = await connection.createChannel();
            // A refused declaration closes the channel with an 'error' event: the caller gets the rejection.
            channel.on('error', () => undefined);
            return channel;
          },
          topology,
          options.queueType ?? 'quorum',
          options.logger,
        );
        this.declaring = { connection, done };
        // A failed declaration is tried again by the next setup (the next reconnect).
        done.then(
          () => (this.declarationError = undefined),
          (error: unknown) => {
            this.declaring = undefined;
            this.declarationError = error;
          },
        );
      }
      await this.declaring.done;
    };
    this.publisher = manager.createChannel({
      name: 'publish',
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        // RabbitMQ sends basic.return before the basic.ack of the same publish, so the token is
        // recorded by the time the confirm resolves (https://www.rabbitmq.com/docs/confirms).
        channel.on('return', (message: Message) => this.recordReturn(message));
        await declare();
      },
    });
    this.consumer = manager.createChannel({
      name: 'consume',
      confirm: false,
      setup: async (channel: Channel) => {
        // Delivery tags are per channel: a message is settled only on the channel that delivered it.
        this.consumeChannel = channel;
        await declare();
      },
    });
    this.watch();
  }

  /**
   * `urls`: one broker, or the nodes of a cluster. The first is tried first; when a connection is
   * lost the next one is (round robin), so a gateway fails over to a surviving node.
   */
  static async connect(
    urls: string | readonly string[],
    options: AmqpConnectOptions = {},
  ): Promise<AmqpConnection> {
    const list = typeof urls === 'string' ? [urls] : [...urls];
    if (list.length === 0) throw new MessagingError(MessagingErrorCode.CONNECT_FAILED, 'no broker URL given');
    const plain = list.find((url) => !url.startsWith('amqps://'));
    if (options.tls && plain !== undefined) {
      throw new MessagingError(
        MessagingErrorCode.CONNECT_FAILED,
        `TLS needs an amqps:// URL: ${redact(plain)}`,
      );
    }
    const manager = amqpConnectionManager.connect(list, {
      heartbeatIntervalInSeconds: options.heartbeatSeconds ?? 5,
      reconnectTimeInSeconds: options.reconnectSeconds ?? 1,
      connectionOptions: {
        // Each hop waits for its publisher confirm: with Nagle on, a small publish sits behind the
        // broker's delayed ACK (~40 ms per confirm measured); off, the confirm comes in ~2 ms.
        noDelay: true,
        clientProperties: { connection_name: options.connectionName ?? 'pcms-gateway' },
        ...(options.tls ? tlsSocketOptions(options.tls) : {}),
      },
    });
    const connection = new AmqpConnection(manager, {
      prefetch: 32,
      publishTimeoutMs: 30_000,
      logger: consoleLogger,
      ...options,
    });
    try {
      await manager.connect({ timeout: options.connectTimeoutMs ?? 10_000 });
      await Promise.all([connection.publisher.waitForConnect(), connection.consumer.waitForConnect()]);
      // The channels connect even when their setup failed: a gateway must not run on half a layout.
      const refused = connection.declarationError;
      if (refused !== undefined) {
        throw refused instanceof Error ? refused : new Error(JSON.stringify(refused));
      }
    } catch (error: unknown) {
      await manager.close().catch(() => undefined);
      if (error instanceof MessagingError) throw error;
      throw new MessagingError(MessagingErrorCode.CONNECT_FAILED, list.map(redact).join(', '), {
        cause: error,
      });
    }
    return connection;
  }

  get isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** The broker node of the current connection (credentials masked); undefined while reconnecting. */
  get brokerUrl(): string | undefined {
    return this.manager.isConnected() && this.currentUrl ? redact(this.currentUrl) : undefined;
  }

  /**
   * True while the broker blocks this connection (a memory or disk alarm): a publish would wait
   * for the alarm to clear, up to the publish timeout, so a door answers 503 at once instead.
   */
  get isBlocked(): boolean {
    return this.blockedReason !== undefined;
  }

  get prefetch(): number {
    return this.options.prefetch;
  }

  /** Resolves once the broker confirmed the message; rejects on nack, return (unroutable) or timeout. */
  async publish<THeaders extends Readonly<Record<string, HeaderValue | undefined>>>(
    route: Route<THeaders>,
    body: Buffer,
    options: PublishOptions<NoInfer<THeaders>>,
  ): Promise<void> {
    if (this.closed)
      throw new MessagingError(MessagingErrorCode.CLOSED, `publish to ${describeRoute(route)}`);
    const token = randomUUID();
    const started = Date.now();
    try {
      for (;;) {
        const disconnectsBefore = this.disconnects;
        try {
          await this.publisher.publish(route.exchange, route.routingKey, body, {
            headers: { ...withoutUndefined(options.headers), [PUBLISH_TOKEN_HEADER]: token },
            messageId: options.messageId,
            contentType: options.contentType,
            persistent: true,
            mandatory: true,
            timeout: Math.max(1, this.options.publishTimeoutMs - (Date.now() - started)),
          });
          break;
        } catch (error: unknown) {
          // The node died with the confirm outstanding (channel closed, not a basic.nack): the
          // broker may or may not hold the message, so it is sent again on the next connection,
          // within the same timeout. At least once: a copy may exist twice (docs/architecture.md).
          const connectionLost = this.disconnects !== disconnectsBefore || !this.manager.isConnected();
          if (this.closed || !connectionLost || Date.now() - started >= this.options.publishTimeoutMs)
            throw error;
          this.options.logger.warn(
            'publish interrupted by a lost connection, sending again / publication interrompue, renvoi',
            { route: describeRoute(route), messageId: options.messageId },
          );
        }
      }
    } catch (error: unknown) {
      this.returnedTokens.delete(token);
      const timedOut = Date.now() - started >= this.options.publishTimeoutMs;
      const code = this.closed
        ? MessagingErrorCode.CLOSED
        : timedOut
          ? MessagingErrorCode.PUBLISH_TIMEOUT
          : MessagingErrorCode.PUBLISH_NACKED;
      throw new MessagingError(code, describeRoute(route), { cause: error });
    }
    if (this.returnedTokens.delete(token)) {
      throw new MessagingError(MessagingErrorCode.UNROUTABLE, describeRoute(route));
    }
  }

  /** Subscribes `handler` to `queue`; resubscribed after every reconnect. */
  async consume(
    queue: string,
    handler: MessageHandler,
    options: ConsumeOptions = {},
  ): Promise<ConsumerHandle> {
    if (this.closing) throw new MessagingError(MessagingErrorCode.CLOSED, `consume ${queue}`);
    const runner = new ConsumerRunner(
      queue,
      handler,
      options.errorPolicy ?? deadLetterUnexpected,
      options.stage ?? queue,
      this.options.logger,
      (route, body, headers, messageId) => this.publish(route, body, { headers, messageId }),
      this.deadLetterExchange(),
      options.onOutcome,
      this.options.topology?.retry,
    );
    const { consumerTag } = await this.consumer.consume(
      queue,
      (raw: ConsumeMessage) => this.track(runner.run(raw, this.consumeChannel)),
      { prefetch: this.options.prefetch, noAck: false },
    );
    return { queue, cancel: () => this.consumer.cancel(consumerTag) };
  }

  /**
   * Subscribes `handler` to `queue` in batches (up to `maxBatch` messages or `maxWaitMs`); each
   * message is settled from its outcome once the handler resolved, the whole batch requeued if it
   * throws. Cancelling hands what is gathered to the handler before it resolves.
   */
  async consumeBatches(queue: string, options: BatchOptions, handler: BatchHandler): Promise<ConsumerHandle> {
    if (this.closing) throw new MessagingError(MessagingErrorCode.CLOSED, `consume ${queue}`);
    const runner = new BatchConsumerRunner(
      queue,
      handler,
      this.options.logger,
      (route, body, headers, messageId) => this.publish(route, body, { headers, messageId }),
      this.deadLetterExchange(),
      (work) => this.track(work),
      options,
      this.options.topology?.retry,
    );
    const { consumerTag } = await this.consumer.consume(
      queue,
      (raw: ConsumeMessage) => runner.receive(raw, this.consumeChannel),
      { prefetch: runner.maxBatch, noAck: false },
    );
    this.batchFlushes.add(() => runner.flush());
    return {
      queue,
      cancel: async () => {
        await this.consumer.cancel(consumerTag);
        runner.flush();
      },
    };
  }

  /** A short-lived raw channel on the current connection, for inspection (queue depths, peeks). */
  async withTemporaryChannel<T>(use: (channel: Channel) => Promise<T>): Promise<T> {
    if (this.closed) throw new MessagingError(MessagingErrorCode.CLOSED, 'temporary channel');
    await this.publisher.waitForConnect();
    const model = this.manager.connection;
    if (!model) throw new MessagingError(MessagingErrorCode.CONNECT_FAILED, 'no current connection');
    const channel = await model.createChannel();
    // A channel-level error (404 on checkQueue) closes it; swallow the event, the caller gets the rejection.
    channel.on('error', () => undefined);
    try {
      return await use(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Stops consuming, lets in-flight handlers finish (and their publishes confirm), then disconnects. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.consumer.cancelAll().catch(() => undefined);
    for (const flush of this.batchFlushes) flush();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.closed = true;
    await this.consumer.close();
    await this.publisher.close();
    await this.manager.close();
  }

  /**
   * Quarantines a message that arrived through another door than a queue (HTTPS, a delivery job)
   * in the dead-letter queue, with the same reason headers a consumer's dead-letter outcome gets.
   * Resolves once the broker confirmed it.
   */
  async quarantine(
    body: Buffer,
    why: DeadLetterReason,
    options: {
      messageId?: string;
      origin: string;
      headers?: Readonly<Record<string, HeaderValue | undefined>>;
    },
  ): Promise<void> {
    const exchange = this.deadLetterExchange();
    if (!exchange)
      throw new MessagingError(MessagingErrorCode.UNROUTABLE, 'no dead-letter exchange in the topology');
    const origin: AmqpMessage = {
      body,
      headers: options.headers ?? {},
      routingKey: options.origin,
      exchange: '',
      queue: options.origin,
      messageId: options.messageId,
      redelivered: false,
    };
    await this.publish({ exchange, routingKey: why.stage, body: 'pcms-envelope/canonical-json' }, body, {
      headers: deadLetterHeaders(origin, why, new Date()),
      messageId: options.messageId,
    });
  }

  private deadLetterExchange(): string | undefined {
    return this.options.topology?.deadLetterExchange;
  }

  private track(work: Promise<void>): void {
    const guarded: Promise<void> = work
      .catch((error: unknown) =>
        this.options.logger.error('consumer failed to settle a message', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => this.inFlight.delete(guarded));
    this.inFlight.add(guarded);
  }

  private recordReturn(message: Message): void {
    const token: unknown = message.properties.headers?.[PUBLISH_TOKEN_HEADER];
    if (typeof token === 'string') this.returnedTokens.add(token);
  }

  private watch(): void {
    const { logger } = this.options;
    this.manager.on('disconnect', ({ err }: { err: Error }) => {
      this.disconnects += 1;
      logger.warn('broker connection lost, reconnecting', {
        error: err?.message,
        broker: this.currentUrl ? redact(this.currentUrl) : undefined,
      });
    });
    this.manager.on('blocked', ({ reason }: { reason?: string }) => {
      this.blockedReason = reason ?? 'blocked';
      logger.warn('broker blocked the connection / le broker bloque la connexion', { reason });
    });
    this.manager.on('unblocked', () => {
      this.blockedReason = undefined;
      logger.warn('broker unblocked the connection / le broker débloque la connexion', {});
    });
    // A new connection starts unblocked; the broker says again if its alarm still holds.
    this.manager.on('connect', ({ connection, url }: { connection: unknown; url: unknown }) => {
      this.blockedReason = undefined;
      if (!coalesceFrameWrites(connection)) {
        logger.warn('amqplib internals changed: frames written one by one', {});
      }
      const previous = this.currentUrl;
      this.currentUrl = typeof url === 'string' ? url : undefined;
      if (this.disconnects > 0) {
        logger.warn('broker connection re-established / connexion au broker rétablie', {
          broker: this.currentUrl ? redact(this.currentUrl) : undefined,
          previous: previous ? redact(previous) : undefined,
        });
      }
    });
    this.manager.on('connectFailed', ({ err }: { err: Error }) =>
      logger.warn('broker connection attempt failed', { error: err?.message }),
    );
    for (const wrapper of [this.publisher, this.consumer]) {
      wrapper.on('error', (err: Error, info: { name: string }) =>
        logger.error('channel error', { channel: info?.name, error: err?.message }),
      );
    }
  }
}

/** The broker addresses of configuration `amqp`: `urls` when it lists any, else `url`. */
export function brokerUrls(amqp: { readonly url: string; readonly urls?: readonly string[] }): string[] {
  return amqp.urls && amqp.urls.length > 0 ? [...amqp.urls] : [amqp.url];
}

function describeRoute(route: Route): string {
  return `${route.exchange} ${route.routingKey}`;
}

function withoutUndefined(
  headers: Readonly<Record<string, HeaderValue | undefined>>,
): Record<string, HeaderValue> {
  const defined: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) defined[name] = value;
  return defined;
}

/** Never echo credentials into errors or logs. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
