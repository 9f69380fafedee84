import {
  Server,
  type CustomTransportStrategy,
  type MessageHandler as NestHandler,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import {
  AmqpConnection,
  brokerUrls,
  type AmqpConnectOptions,
  type ConsumerHandle,
  type OutcomeObserver,
} from '../amqp/amqp-connection';
import type { AmqpMessage } from '../amqp/amqp-message';
import type { ConsumerOutcome, ErrorPolicy } from '../amqp/consumer-outcome';
import { gatewayTopology, type GatewayTopology, type RetrySettings } from '../topology/gateway.topology';
import type { QueueType } from '../topology/topology.types';
import { AmqpContext } from './amqp.context';
import { connectionNameIn } from './connection-name';

export interface AmqpTransportOptions {
  readonly url: string;
  /** The nodes of a cluster (failover); replaces `url` when it lists any. */
  readonly urls?: readonly string[];
  readonly namespace?: string;
  readonly prefetch?: number;
  readonly queueType?: QueueType;
  readonly connectionName?: string;
  readonly errorPolicy?: ErrorPolicy;
  /** Delays and delivery limit of requeued messages (configuration `amqp.retry`). */
  readonly retry?: RetrySettings;
  /** Told every consumer outcome (metrics: rejections counted where they are decided). */
  readonly onOutcome?: OutcomeObserver;
  /** Extra connection settings (timeouts, logger); topology defaults to the gateway catalogue. */
  readonly connection?: Omit<AmqpConnectOptions, 'prefetch' | 'queueType' | 'connectionName'>;
}

type TransportEvents = Record<string, never>;

/**
 * Serves `@MessagePattern(queueName)` / `@EventPattern(queueName)` handlers from RabbitMQ queues.
 * Nest's built-in RMQ transport wraps bodies in `{ pattern, data }` JSON, acks before the next hop
 * is confirmed and rejects without a reason; this one hands the handler the raw bytes and turns
 * its returned `ConsumerOutcome` into ack / dead-letter (with reason headers) / requeue.
 */
export class AmqpTransport extends Server<TransportEvents> implements CustomTransportStrategy {
  private connection: AmqpConnection | undefined;
  private readonly consumers: ConsumerHandle[] = [];

  constructor(private readonly options: AmqpTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    // AmqpConnection.close cancels consumers first and waits for in-flight handlers to settle.
    await connection?.close();
  }

  on(): never {
    throw new Error('AmqpTransport emits no events; watch AmqpConnection logs instead');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  private async start(): Promise<void> {
    const { namespace, prefetch, queueType, connectionName } = this.options;
    const topology = gatewayTopology(namespace, this.options.retry);
    this.connection = await AmqpConnection.connect(brokerUrls(this.options), {
      topology: topology.declaration,
      ...this.options.connection,
      prefetch,
      queueType,
      connectionName: connectionNameIn(namespace, connectionName),
    });
    for (const [pattern, handler] of this.getHandlers()) {
      const queue = queueOfPattern(topology, pattern);
      this.consumers.push(
        await this.connection.consume(queue, (message) => this.dispatch(handler, message, queue), {
          errorPolicy: this.options.errorPolicy,
          onOutcome: this.options.onOutcome,
        }),
      );
    }
  }

  private async dispatch(
    handler: NestHandler,
    message: AmqpMessage,
    queue: string,
  ): Promise<ConsumerOutcome> {
    const result: unknown = await handler(message, new AmqpContext([message, queue]));
    // Nest may hand back the handler's value wrapped in an Observable (interceptors, RxJS handlers).
    return isObservable(result)
      ? await lastValueFrom(result as Observable<ConsumerOutcome>)
      : (result as ConsumerOutcome);
  }
}

/**
 * Handlers name the catalogue's queue (`@MessagePattern('routerOutbound')`), never a literal queue
 * name: decorators are fixed at load time while the namespace is configuration.
 */
function queueOfPattern(topology: GatewayTopology, pattern: string): string {
  const spec = (topology.queues as unknown as Record<string, { name?: unknown } | undefined>)[pattern];
  if (typeof spec?.name !== 'string') {
    throw new Error(`@MessagePattern('${pattern}') names no queue of the gateway topology`);
  }
  return spec.name;
}
