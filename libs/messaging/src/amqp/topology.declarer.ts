import type { Channel, Options } from 'amqplib';
import { MessagingError, MessagingErrorCode } from '../messaging.error';
import type { QueueSpec, QueueType, Topology } from '../topology/topology.types';

export interface DeclareLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export function queueArguments(queue: QueueSpec, queueType: QueueType): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  if (queue.deadLetterExchange) args['x-dead-letter-exchange'] = queue.deadLetterExchange;
  if (queue.messageTtlMs !== undefined) args['x-message-ttl'] = queue.messageTtlMs;
  // Classic stays implicit so that queues declared before this option existed still match.
  if (queueType === 'quorum') {
    args['x-queue-type'] = 'quorum';
    if (queue.deadLetterExchange) {
      // A quorum queue dead-letters at most once by default: a wait queue's expired message, on
      // its way back, would be lost if the leader failed then. At-least-once keeps it in the queue
      // until the target queue confirmed it; RabbitMQ requires reject-publish overflow for it
      // (https://www.rabbitmq.com/quorum-queues.html#dead-lettering). No max-length: nothing is rejected.
      args['x-dead-letter-strategy'] = 'at-least-once';
      args['x-overflow'] = 'reject-publish';
    }
    // No x-delivery-limit: the retry layout counts deliveries (amqp.retry.maxAttempts), with the
    // broker's own x-delivery-count folded in (retry.ts), so one limit has one meaning.
  }
  return args;
}

const PRECONDITION_FAILED = 406;

/**
 * Idempotent: run on every (re)connect, since a broker restarted empty must get its layout back.
 * `openChannel` gives a fresh channel: a refused queue declaration (406) closes the one it used.
 *
 * A queue that already exists with the other type (the demo's classic queues from before quorum
 * was the default) is never deleted while it holds messages: empty and unused it is re-created
 * with the wanted type; otherwise it is kept as it is, with a warning that says what to do.
 */
export async function declareTopology(
  openChannel: () => Promise<Channel>,
  topology: Topology,
  queueType: QueueType,
  logger?: DeclareLogger,
): Promise<void> {
  let channel = await openChannel();
  try {
    for (const exchange of topology.exchanges) {
      await channel.assertExchange(exchange.name, exchange.kind, { durable: true, autoDelete: false });
    }
    for (const queue of topology.queues) {
      const declared = await declareQueue(channel, openChannel, queue, queueType, logger);
      channel = declared.channel;
    }
    for (const binding of topology.bindings) {
      await channel.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
    }
  } finally {
    await channel.close().catch(() => undefined);
  }
}

async function declareQueue(
  channel: Channel,
  openChannel: () => Promise<Channel>,
  queue: QueueSpec,
  wanted: QueueType,
  logger: DeclareLogger | undefined,
): Promise<{ channel: Channel }> {
  const first = await tryAssert(channel, queue, wanted);
  if (first.ok) return { channel };
  if (!isPreconditionFailed(first.error)) throw first.error;
  // The refusal closed the channel. Is it the other type, with the other type's arguments?
  let next = await openChannel();
  const other: QueueType = wanted === 'quorum' ? 'classic' : 'quorum';
  const existing = await tryAssert(next, queue, other);
  if (!existing.ok) {
    await next.close().catch(() => undefined);
    throw new MessagingError(
      MessagingErrorCode.QUEUE_MISMATCH,
      `${queue.name}: it exists with other arguments than the gateway declares (${describeError(first.error)}). ` +
        `Delete it once it is empty (rabbitmqctl delete_queue ${queue.name} --if-empty) and restart. / ` +
        `La file existe avec d'autres arguments : la supprimer une fois vide, puis redémarrer.`,
      { cause: first.error },
    );
  }
  if (existing.messageCount === 0 && existing.consumerCount === 0) {
    // if-empty and if-unused: the broker refuses (406) if a message or a consumer came meanwhile.
    const deleted = await next.deleteQueue(queue.name, { ifEmpty: true, ifUnused: true }).then(
      () => true,
      () => false,
    );
    if (!deleted) next = await openChannel();
    if (deleted && (await tryAssert(next, queue, wanted)).ok) {
      logger?.warn(
        `queue re-created as ${wanted} (it was ${other} and empty) / file recréée en ${wanted} (elle était ${other} et vide)`,
        { queue: queue.name },
      );
      return { channel: next };
    }
    if (deleted)
      throw new MessagingError(
        MessagingErrorCode.QUEUE_MISMATCH,
        `${queue.name}: re-creating it as ${wanted} failed`,
      );
  }
  logger?.warn(
    `queue kept ${other}: it holds messages or has consumers; amqp.queueType wants ${wanted}. ` +
      `Let it drain (or move its messages), then restart to have it re-created. / ` +
      `file gardée en ${other} : elle contient des messages ou a des consommateurs ; la vider puis redémarrer.`,
    { queue: queue.name, messages: existing.messageCount, consumers: existing.consumerCount },
  );
  return { channel: next };
}

type AssertResult = { ok: true; messageCount: number; consumerCount: number } | { ok: false; error: unknown };

async function tryAssert(channel: Channel, queue: QueueSpec, queueType: QueueType): Promise<AssertResult> {
  const options: Options.AssertQueue = {
    durable: true,
    exclusive: false,
    autoDelete: false,
    arguments: queueArguments(queue, queueType),
  };
  try {
    const { messageCount, consumerCount } = await channel.assertQueue(queue.name, options);
    return { ok: true, messageCount, consumerCount };
  } catch (error: unknown) {
    return { ok: false, error };
  }
}

function isPreconditionFailed(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === PRECONDITION_FAILED;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
