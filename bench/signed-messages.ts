// The load on the running gateway: N signed person.wanted envelopes submitted by NP-ML on the AMQP
// door, timed from the moment this process submits each one to the moment the I-24/7 adapter put
// its notice in the bull delivery queue (bull's job timestamp; same machine, same clock).
import type { LoadedConfig } from '@pcms/config';
import { DELIVERY_QUEUE_NAME } from '@pcms/delivery';
import { canonicalBytes, type PartyId, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PlatformClient } from '@pcms/platform-client';
import { CmsSigner, type Credential } from '@pcms/trust';
import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { ratePerSecond, round, summarize, type LatencySummary } from './latency.stats';
import { withStallGuard } from './raw-broker.bench';

export interface SignedMessage {
  id: string;
  body: Buffer;
  signature: Buffer;
}

export interface GatewayLoadOptions {
  config: LoadedConfig;
  credential: Credential;
  caPem: string;
  messages: readonly SignedMessage[];
  /** Submissions per second; 0 submits everything at once (a burst). */
  rate: number;
  stallMs: number;
  onProgress?: (enqueued: number) => void;
}

export interface GatewayLoadResult {
  messages: number;
  messageBytes: number;
  rate: number;
  /** Until the broker confirmed the last submission. */
  submitConfirmedMs: number;
  /** First submission → last notice enqueued. */
  durationMs: number;
  throughputPerSecond: number;
  /** Submitted (this process) → job enqueued (i247-adapter), from bull's job timestamp. */
  latency: LatencySummary;
}

/** Fresh copies of `template` (new id, createdAt now), each signed by its sender as a platform does. */
export function signedMessages(
  template: PcmsEnvelope,
  credential: Credential,
  count: number,
  recipients: PartyId[],
): SignedMessage[] {
  const signer = new CmsSigner(credential);
  return Array.from({ length: count }, () => {
    const envelope = { ...template, id: randomUUID(), createdAt: new Date().toISOString(), recipients };
    const body = canonicalBytes(envelope);
    return { id: envelope.id, body, signature: signer.sign(body) };
  });
}

export function wireBytes(message: SignedMessage): number {
  return message.body.length + message.signature.toString('base64').length;
}

export async function runGatewayLoad(options: GatewayLoadOptions): Promise<GatewayLoadResult> {
  const { config, messages } = options;
  const topology = gatewayTopology(config.amqp.namespace);
  const amqp = await AmqpConnection.connect(config.amqp.url, {
    topology: topology.declaration,
    connectionName: 'pcms-bench-submitter',
  });
  const deliveries = new Bull(DELIVERY_QUEUE_NAME, config.redis.url, { prefix: config.redis.keyPrefix });
  try {
    const platform = new PlatformClient('NP-ML', options.credential, options.caPem, amqp, topology);
    // Earlier phases of the run left their jobs in the queue: count from where they stopped.
    const baseline = jobTotal(await deliveries.getJobCounts());
    const submittedAt = new Map<string, number>();
    const start = performance.now();
    const startedAt = Date.now();
    const confirmed = submitAll(platform, messages, options.rate, submittedAt).then(
      () => performance.now() - start,
    );

    let enqueued = 0;
    let lastProgress = performance.now();
    const allEnqueued = (async () => {
      while (enqueued < messages.length) {
        await delay(100);
        const total = jobTotal(await deliveries.getJobCounts()) - baseline;
        if (total > enqueued) {
          if (Math.floor(total / 500) > Math.floor(enqueued / 500)) options.onProgress?.(total);
          enqueued = total;
          lastProgress = performance.now();
        }
      }
    })();
    await withStallGuard(
      allEnqueued,
      () => lastProgress,
      options.stallMs,
      () => enqueued,
    );
    const submitConfirmedMs = await confirmed;

    const enqueuedAt = await jobTimestamps(
      deliveries,
      messages.map((m) => m.id),
    );
    const latencies = messages.map((m) => enqueuedAt[m.id] - (submittedAt.get(m.id) ?? NaN));
    const durationMs = Math.max(...Object.values(enqueuedAt)) - startedAt;
    return {
      messages: messages.length,
      messageBytes: wireBytes(messages[0]),
      rate: options.rate,
      submitConfirmedMs: round(submitConfirmedMs),
      durationMs: round(durationMs),
      throughputPerSecond: ratePerSecond(messages.length, durationMs),
      latency: summarize(latencies),
    };
  } finally {
    await deliveries.close().catch(() => undefined);
    await amqp.close().catch(() => undefined);
  }
}

/** Publishes every message (paced when `rate` > 0), noting each one's submit time (epoch ms). */
async function submitAll(
  platform: PlatformClient,
  messages: readonly SignedMessage[],
  rate: number,
  submittedAt: Map<string, number>,
): Promise<void> {
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (const [index, message] of messages.entries()) {
    if (rate > 0) {
      const wait = start + (index * 1000) / rate - performance.now();
      if (wait > 1) await delay(wait);
    }
    submittedAt.set(message.id, performance.timeOrigin + performance.now());
    pending.push(platform.submitSigned(message.body, message.signature, message.id));
  }
  await Promise.all(pending);
}

function jobTotal(counts: Bull.JobCounts): number {
  return counts.waiting + counts.active + counts.completed + counts.failed + counts.delayed;
}

/** Each job's enqueue time (bull's `timestamp`, epoch ms); job id = message id. */
async function jobTimestamps(queue: Bull.Queue, ids: readonly string[]): Promise<Record<string, number>> {
  const pipeline = queue.client.pipeline();
  for (const id of ids) pipeline.hget(queue.toKey(id), 'timestamp');
  const replies = (await pipeline.exec()) ?? [];
  const stamps: Record<string, number> = {};
  replies.forEach(([error, value], index) => {
    if (error || value === null)
      throw new Error(`no delivery job for ${ids[index]} / pas de tâche`, { cause: error });
    stamps[ids[index]] = Number(value);
  });
  return stamps;
}
