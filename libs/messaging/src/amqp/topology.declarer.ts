import type { Channel, Options } from 'amqplib';
import type { QueueSpec, QueueType, Topology } from '../topology/topology.types';

export function queueArguments(queue: QueueSpec, queueType: QueueType): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  if (queue.deadLetterExchange) args['x-dead-letter-exchange'] = queue.deadLetterExchange;
  if (queue.messageTtlMs !== undefined) args['x-message-ttl'] = queue.messageTtlMs;
  // Classic stays implicit so that queues declared before this option existed still match.
  if (queueType === 'quorum') args['x-queue-type'] = 'quorum';
  return args;
}

/** Idempotent: run on every (re)connect, since a broker restarted empty must get its layout back. */
export async function declareTopology(
  channel: Channel,
  topology: Topology,
  queueType: QueueType,
): Promise<void> {
  for (const exchange of topology.exchanges) {
    await channel.assertExchange(exchange.name, exchange.kind, { durable: true, autoDelete: false });
  }
  for (const queue of topology.queues) {
    const options: Options.AssertQueue = {
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: queueArguments(queue, queueType),
    };
    await channel.assertQueue(queue.name, options);
  }
  for (const binding of topology.bindings) {
    await channel.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
  }
}
