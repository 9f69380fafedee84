// The load on the running gateway, timed where a user sees it. Outbound: NP-ML submits signed
// person.wanted (to INTERPOL and RP); a message is through when the I-24/7 peer has verified and
// stored its notice (the peer's receipts.log) AND RP's platform client has verified and handled
// its copy. Inbound: the peer sends signed notices over HTTPS; a message is through when every
// platform it concerns has read its copy. Same machine, same clock: epoch milliseconds throughout.
import type { LoadedConfig } from '@pcms/config';
import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';
import { PeerSender } from '@pcms/peer';
import { HandledMessageStore, PlatformClient, type PlatformConsumer } from '@pcms/platform-client';
import type { Credential } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ratePerSecond, round, summarize, type LatencySummary } from './latency.stats';
import { withStallGuard } from './raw-broker.bench';
import type { SignedMessage } from './signed-messages';

export type Direction = 'outbound' | 'inbound';

/** The platforms the inbound fixture concerns (test/gateway/inbound.e2e-spec.ts proves the route). */
export const INBOUND_RECIPIENTS: readonly PlatformId[] = ['NP-ML', 'NP-NE', 'RP'];
const OUTBOUND_READER: PlatformId = 'RP';
const INBOUND_IN_FLIGHT = 32;
const POLL_MS = 50;

export interface PathResult {
  direction: Direction;
  messages: number;
  /** Offered rate; 0 for a burst (everything at once). */
  rate: number;
  durationMs: number;
  throughputPerSecond: number;
  /** Submit → through (see the file's header). */
  latency: LatencySummary;
}

/** What the destinations have done, by message id: filled as the peer and platforms report it. */
export class PathObservers {
  private readonly peerStored = new Map<string, number>();
  private readonly read = new Map<PlatformId, Map<string, number>>();
  private readonly consumers: PlatformConsumer[] = [];
  private receiptsOffset = 0;
  private polling?: NodeJS.Timeout;

  constructor(private readonly receiptsFile: string) {}

  /** A platform client per platform, each with its own handled-id store, as platforms run. */
  async start(
    amqp: AmqpConnection,
    topology: GatewayTopology,
    credentialOf: (platform: PlatformId) => Credential,
    caPem: string,
    storeDir: string,
  ): Promise<void> {
    for (const platform of PLATFORM_IDS) {
      const seen = new Map<string, number>();
      this.read.set(platform, seen);
      const client = new PlatformClient(platform, credentialOf(platform), caPem, amqp, topology);
      const store = HandledMessageStore.open(join(storeDir, `${platform}.sqlite`));
      this.consumers.push(
        await client.consume({ store, handler: ({ envelope }) => void seen.set(envelope.id, Date.now()) }),
      );
    }
    this.polling = setInterval(() => this.readReceipts(), POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.polling);
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  /** When message `id` was through, or undefined while it is not. */
  throughAt(direction: Direction, id: string): number | undefined {
    const stamps =
      direction === 'outbound'
        ? [this.peerStored.get(id), this.read.get(OUTBOUND_READER)?.get(id)]
        : INBOUND_RECIPIENTS.map((platform) => this.read.get(platform)?.get(id));
    return stamps.some((at) => at === undefined) ? undefined : Math.max(...(stamps as number[]));
  }

  /** New lines of the peer's receipts.log since the last read; a partial last line waits. */
  private readReceipts(): void {
    let size: number;
    try {
      size = statSync(this.receiptsFile).size;
    } catch {
      return; // nothing stored yet
    }
    if (size <= this.receiptsOffset) return;
    const chunk = Buffer.alloc(size - this.receiptsOffset);
    const fd = openSync(this.receiptsFile, 'r');
    try {
      readSync(fd, chunk, 0, chunk.length, this.receiptsOffset);
    } finally {
      closeSync(fd);
    }
    const text = chunk.toString('utf8');
    const complete = text.lastIndexOf('\n') + 1;
    this.receiptsOffset += Buffer.byteLength(text.slice(0, complete));
    for (const line of text.slice(0, complete).split('\n')) {
      if (line === '') continue;
      const receipt = JSON.parse(line) as { messageId: string; stored: string; at: string };
      if (receipt.stored === 'new') this.peerStored.set(receipt.messageId, Date.parse(receipt.at));
    }
  }
}

export interface OutboundLoad {
  direction: 'outbound';
  platform: PlatformClient;
  messages: readonly SignedMessage[];
}

export interface InboundLoad {
  direction: 'inbound';
  sender: PeerSender;
  /** A distinct notice per index: the gateway derives the message id from the notice's bytes. */
  notice: (index: number) => Buffer;
  count: number;
}

export async function runPath(
  load: OutboundLoad | InboundLoad,
  observers: PathObservers,
  rate: number,
  stallMs: number,
  onProgress: (through: number) => void,
  /** Each message's submit and through times (epoch ms), for a measure that needs them one by one. */
  onMessage?: (sentAt: number, throughAt: number) => void,
): Promise<PathResult> {
  // Outbound: known before sending; inbound: known from the gateway's answer.
  const sentAt = new Map<string, number>();
  const count = load.direction === 'outbound' ? load.messages.length : load.count;
  const start = Date.now();
  const sending = load.direction === 'outbound' ? submitAll(load, rate, sentAt) : sendAll(load, rate, sentAt);
  const sendFailure = sending.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error as Error),
  );

  const through = new Map<string, number>();
  let lastProgress = performance.now();
  const waitAll = (async () => {
    while (through.size < count) {
      await delay(POLL_MS);
      const before = through.size;
      for (const id of sentAt.keys()) {
        if (through.has(id)) continue;
        const at = observers.throughAt(load.direction, id);
        if (at !== undefined) through.set(id, at);
      }
      if (through.size > before) {
        if (Math.floor(through.size / 100) > Math.floor(before / 100)) onProgress(through.size);
        lastProgress = performance.now();
      }
    }
  })();
  await Promise.race([
    withStallGuard(
      waitAll,
      () => lastProgress,
      stallMs,
      () => through.size,
    ),
    sendFailure,
  ]);
  await sending;
  if (onMessage) for (const [id, at] of through) onMessage(sentAt.get(id) ?? NaN, at);
  const latencies = [...through].map(([id, at]) => at - (sentAt.get(id) ?? NaN));
  const durationMs = Math.max(...through.values()) - start;
  return {
    direction: load.direction,
    messages: count,
    rate,
    durationMs: round(durationMs),
    throughputPerSecond: ratePerSecond(count, durationMs),
    latency: summarize(latencies),
  };
}

async function paced(index: number, rate: number, start: number): Promise<void> {
  if (rate <= 0) return;
  const wait = start + (index * 1000) / rate - Date.now();
  if (wait > 1) await delay(wait);
}

async function submitAll(load: OutboundLoad, rate: number, sentAt: Map<string, number>): Promise<void> {
  const start = Date.now();
  const pending: Promise<void>[] = [];
  for (const [index, message] of load.messages.entries()) {
    await paced(index, rate, start);
    sentAt.set(message.id, Date.now());
    pending.push(load.platform.submitSigned(message.body, message.signature, message.id));
  }
  await Promise.all(pending);
}

/** The peer signs and posts each notice; a burst keeps a bounded number of requests in flight. */
async function sendAll(load: InboundLoad, rate: number, sentAt: Map<string, number>): Promise<void> {
  const start = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < load.count; index += 1) {
    await paced(index, rate, start);
    while (inFlight.size >= INBOUND_IN_FLIGHT) await Promise.race(inFlight);
    const peerId = randomUUID();
    const sent = Date.now();
    const request = load.sender.send(load.notice(index), peerId).then((response) => {
      if (response.status !== 202) {
        throw new Error(`peer send ${peerId}: ${response.status} ${response.body} / envoi refusé`);
      }
      // Platforms know the gateway's id (from the notice's bytes), given in the answer.
      sentAt.set((JSON.parse(response.body) as { messageId: string }).messageId, sent);
    });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request)).catch(() => undefined);
  }
  await Promise.all(inFlight);
}

export function receiptsFileOf(config: LoadedConfig): string {
  return join(config.paths.peerInbox, 'receipts.log');
}
