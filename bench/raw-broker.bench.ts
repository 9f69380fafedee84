// The broker alone, with plain amqplib: what RabbitMQ on this machine does with messages of the
// gateway's size, persistent, publisher-confirmed and consumed with manual acks. The gateway makes
// three such hops per message, so this is the yardstick for its own throughput.
import { connect, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ratePerSecond, round, summarize, type LatencySummary } from './latency.stats';

export interface RawBrokerOptions {
  url: string;
  /** Prefix of the one queue this run declares (and deletes). */
  namespace: string;
  messages: number;
  body: Buffer;
  headers: Record<string, string>;
  prefetch: number;
  /** Fails the run when no message arrives for this long. */
  stallMs: number;
  onProgress?: (consumed: number) => void;
}

export interface RawBrokerResult {
  messages: number;
  messageBytes: number;
  prefetch: number;
  /** Until the broker confirmed the last publish. */
  publishConfirmedMs: number;
  /** First publish → last message consumed. */
  durationMs: number;
  throughputPerSecond: number;
  /** Publish → consumed (in this process: one clock). */
  latency: LatencySummary;
}

export async function measureRawBroker(options: RawBrokerOptions): Promise<RawBrokerResult> {
  const queue = `${options.namespace}raw-broker`;
  const publisherConnection = await connect(options.url);
  let consumerConnection: ChannelModel | undefined;
  try {
    consumerConnection = await connect(options.url);
    const publisher = await publisherConnection.createConfirmChannel();
    await publisher.assertQueue(queue, { durable: true });
    const consumer = await consumerConnection.createChannel();
    await consumer.prefetch(options.prefetch);

    const sentAt = new Float64Array(options.messages);
    const latencies: number[] = [];
    let lastArrival = performance.now();
    const consumed = new Promise<void>((resolve) => {
      const onMessage = (message: ConsumeMessage | null) => {
        if (!message) return;
        lastArrival = performance.now();
        latencies.push(lastArrival - sentAt[Number(message.properties.messageId)]);
        consumer.ack(message);
        if (latencies.length % 500 === 0) options.onProgress?.(latencies.length);
        if (latencies.length === options.messages) resolve();
      };
      void consumer.consume(queue, onMessage, { noAck: false });
    });

    const start = performance.now();
    for (let i = 0; i < options.messages; i += 1) {
      sentAt[i] = performance.now();
      const accepted = publisher.publish('', queue, options.body, {
        persistent: true,
        messageId: String(i),
        contentType: 'application/json',
        headers: options.headers,
      });
      if (!accepted) await once(publisher, 'drain');
    }
    await publisher.waitForConfirms();
    const publishConfirmedMs = performance.now() - start;
    await withStallGuard(
      consumed,
      () => lastArrival,
      options.stallMs,
      () => latencies.length,
    );
    const durationMs = lastArrival - start;

    await publisher.deleteQueue(queue);
    return {
      messages: options.messages,
      messageBytes: options.body.length + Object.values(options.headers).reduce((n, v) => n + v.length, 0),
      prefetch: options.prefetch,
      publishConfirmedMs: round(publishConfirmedMs),
      durationMs: round(durationMs),
      throughputPerSecond: ratePerSecond(options.messages, durationMs),
      latency: summarize(latencies),
    };
  } finally {
    await consumerConnection?.close().catch(() => undefined);
    // A failed run may leave the queue: delete it on a fresh channel (no-op when already gone).
    await publisherConnection
      .createChannel()
      .then((channel) => channel.deleteQueue(queue))
      .catch(() => undefined);
    await publisherConnection.close().catch(() => undefined);
  }
}

/** Waits for `done`, failing once nothing has progressed for `stallMs`. */
export async function withStallGuard(
  done: Promise<void>,
  lastProgressAt: () => number,
  stallMs: number,
  progress: () => number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (performance.now() - lastProgressAt() > stallMs) {
        reject(
          new Error(`no progress for ${stallMs} ms (at ${progress()}) / aucun progrès depuis ${stallMs} ms`),
        );
      }
    }, 250);
  });
  try {
    await Promise.race([done, stalled]);
  } finally {
    clearInterval(timer);
  }
}
