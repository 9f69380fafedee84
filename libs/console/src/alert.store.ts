// The alerts' record in Redis: one key per deployment, written by the console holding the alerts'
// lease, read by every console for its dashboard.
import type { Redis } from 'ioredis';
import type { AlertRecord, AlertStore } from './alert-watch';

export class RedisAlertStore implements AlertStore {
  constructor(
    private readonly redis: Redis,
    /** `<redis.keyPrefix>:console:alerts`. */
    private readonly key: string,
  ) {}

  async load(): Promise<AlertRecord | undefined> {
    const text = await this.redis.get(this.key);
    return text ? (JSON.parse(text) as AlertRecord) : undefined;
  }

  async save(record: AlertRecord): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(record));
  }
}
