// The destinations, counted where they are: each platform's system reads its queue through the
// platform client (ack after its handler, the gateway's signature verified, handled ids kept in its
// own SQLite store), and the I-24/7 peer's receipts.log says every delivery it got, stored new or
// duplicate. Every handler call and every raw copy is counted, per message id.
import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';
import { HandledMessageStore, PlatformClient, type PlatformConsumer } from '@pcms/platform-client';
import type { Credential } from '@pcms/trust';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Destination } from './chaos.plan';
import type { DestinationObservation } from './chaos-count';

const RECEIPTS_POLL_MS = 250;

export class DestinationObservers {
  private readonly calls = new Map<Destination, Map<string, number>>();
  private readonly consumers = new Map<PlatformId, PlatformConsumer>();
  private readonly stores: HandledMessageStore[] = [];
  private peerDeliveries = 0;
  private receiptsOffset = 0;
  private polling?: NodeJS.Timeout;

  constructor(private readonly receiptsFile: string) {
    this.calls.set('INTERPOL', new Map());
    for (const platform of PLATFORM_IDS) this.calls.set(platform, new Map());
  }

  async start(
    amqp: AmqpConnection,
    topology: GatewayTopology,
    credentialOf: (platform: PlatformId) => Credential,
    caPem: string,
    storeDir: string,
  ): Promise<void> {
    for (const platform of PLATFORM_IDS) {
      const seen = this.calls.get(platform) as Map<string, number>;
      const client = new PlatformClient(platform, credentialOf(platform), caPem, amqp, topology);
      const store = HandledMessageStore.open(join(storeDir, `${platform}.sqlite`));
      this.stores.push(store);
      const consumer = await client.consume({
        store,
        handler: ({ envelope }) => void seen.set(envelope.id, (seen.get(envelope.id) ?? 0) + 1),
      });
      this.consumers.set(platform, consumer);
    }
    this.polling = setInterval(() => this.readReceipts(), RECEIPTS_POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.polling);
    this.readReceipts();
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
    for (const store of this.stores) store.close();
  }

  /** True once the handler of every destination has seen the message. */
  reached(id: string, destinations: readonly Destination[]): boolean {
    return destinations.every((destination) => (this.calls.get(destination)?.get(id) ?? 0) > 0);
  }

  /** Copies seen at all destinations so far (handler calls). */
  handledCount(): number {
    let total = 0;
    for (const seen of this.calls.values()) for (const count of seen.values()) total += count;
    return total;
  }

  observations(): Map<Destination, DestinationObservation> {
    const observed = new Map<Destination, DestinationObservation>();
    observed.set('INTERPOL', { handlerCalls: this.calls.get('INTERPOL')!, rawCopies: this.peerDeliveries });
    for (const [platform, consumer] of this.consumers) {
      observed.set(platform, {
        handlerCalls: this.calls.get(platform)!,
        rawCopies: consumer.counters.received,
      });
    }
    return observed;
  }

  /** What each platform's client counted (raw copies, duplicates dropped, signature failures…). */
  platformCounters(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.consumers].map(([platform, consumer]) => [platform, consumer.counters]),
    );
  }

  /** New lines of the peer's receipts.log since the last read; a partial last line waits. */
  private readReceipts(): void {
    let size: number;
    try {
      size = statSync(this.receiptsFile).size;
    } catch {
      return; // nothing delivered yet
    }
    if (size <= this.receiptsOffset) return;
    const chunk = Buffer.alloc(size - this.receiptsOffset);
    const fd = openSync(this.receiptsFile, 'r');
    try {
      readSync(fd, chunk, 0, chunk.length, this.receiptsOffset);
    } finally {
      closeSync(fd);
    }
    const complete = chunk.lastIndexOf(0x0a) + 1;
    this.receiptsOffset += complete;
    const stored = this.calls.get('INTERPOL') as Map<string, number>;
    for (const line of chunk.subarray(0, complete).toString('utf8').split('\n')) {
      if (line === '') continue;
      const receipt = JSON.parse(line) as { messageId: string; stored: string };
      this.peerDeliveries += 1;
      if (receipt.stored === 'new') stored.set(receipt.messageId, (stored.get(receipt.messageId) ?? 0) + 1);
    }
  }
}
