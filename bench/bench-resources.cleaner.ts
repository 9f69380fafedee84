// What a benchmark run leaves on the shared services is removed, failed run or not: its queues and
// exchanges (all under its own namespace) and its Redis keys (all under its own prefix).
import type { Topology } from '@pcms/messaging';
import { connect } from 'amqplib';
import { Redis } from 'ioredis';

export async function deleteBrokerTopology(url: string, topology: Topology): Promise<void> {
  const model = await connect(url);
  try {
    // One channel per deletion: a failure closes the channel, and the others must still be tried.
    for (const queue of topology.queues) {
      const channel = await model.createChannel();
      await channel.deleteQueue(queue.name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    for (const exchange of topology.exchanges) {
      const channel = await model.createChannel();
      await channel.deleteExchange(exchange.name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await model.close();
  }
}

/** Deletes every key under `<prefix>:` with SCAN (never KEYS: other runs share this Redis). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
