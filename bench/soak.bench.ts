// `npm run bench -- --soak <count>`: does a process's memory grow with the messages it has carried?
// Outbound messages (the whole path, as the bench's burst) in chunks; after each chunk, once every
// message of it is through and the queues are empty again, the resident set of every process is
// sampled. The slope of RSS against messages carried, fitted after warm-up, says whether memory
// keeps growing (a leak: every message leaves something behind) or stays flat.
import type { LoadedConfig } from '@pcms/config';
import type { PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PlatformClient } from '@pcms/platform-client';
import { initDevelopmentPki } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignedTable } from './bench-results.writer';
import { FIXTURE, STALL_MS, startGateway } from './bench-suite.runner';
import { PathObservers, receiptsFileOf, runPath } from './end-to-end-load.bench';
import type { GatewayProcessLauncher } from './gateway-process.launcher';
import { round, say } from './latency.stats';
import { memoryOf } from './process-usage';
import { signedMessages } from './signed-messages';

/** Samples before this share of the run are warm-up (caches, JIT, pools filling): not fitted. */
export const WARM_UP_SHARE = 0.2;

export interface SoakSample {
  /** Messages through when sampled. */
  messages: number;
  elapsedMs: number;
  rssKiB: Record<string, number>;
}

export interface SoakResult {
  date: string;
  messages: number;
  chunk: number;
  durationMs: number;
  samples: SoakSample[];
  /** Per process: least-squares slope of RSS after warm-up, in KiB per 10,000 messages. */
  slopeKiBPer10k: Record<string, number>;
}

/** Least-squares slope of y against x, per 10,000 x; 0 with fewer than two distinct x. */
export function slopePer10k(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (n < 2 || sxx === 0) return 0;
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  return round((sxy / sxx) * 10_000, 1);
}

/** The slope of each process's RSS over the samples past warm-up. */
export function slopesOf(samples: readonly SoakSample[]): Record<string, number> {
  const last = samples[samples.length - 1];
  if (!last) return {};
  const fitted = samples.filter((s) => s.messages >= last.messages * WARM_UP_SHARE);
  return Object.fromEntries(
    Object.keys(last.rssKiB).map((name) => [
      name,
      slopePer10k(fitted.map((s) => ({ x: s.messages, y: s.rssKiB[name] ?? 0 }))),
    ]),
  );
}

export async function runSoak(
  total: number,
  chunk: number,
  config: LoadedConfig,
  launcher: GatewayProcessLauncher,
  projectRoot: string,
): Promise<SoakResult> {
  const pki = initDevelopmentPki(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const npMl = pki.credential('NP-ML');
  const template = JSON.parse(readFileSync(join(projectRoot, FIXTURE), 'utf8')) as PcmsEnvelope;
  await startGateway(launcher, 1, config.amqp.namespace);
  const topology = gatewayTopology(config.amqp.namespace);
  const amqp = await AmqpConnection.connect(config.amqp.url, {
    topology: topology.declaration,
    queueType: config.amqp.queueType,
    connectionName: 'pcms-bench-soak',
  });
  const observers = new PathObservers(receiptsFileOf(config));
  const platform = new PlatformClient('NP-ML', npMl, caPem, amqp, topology);
  const samples: SoakSample[] = [];
  const start = Date.now();
  try {
    await observers.start(
      amqp,
      topology,
      (id) => pki.credential(id),
      caPem,
      join(config.paths.data, 'platforms'),
    );
    const sample = (messages: number) =>
      samples.push({
        messages,
        elapsedMs: Date.now() - start,
        rssKiB: Object.fromEntries(
          Object.entries(memoryOf(launcher)).map(([name, { rssKiB }]) => [name, rssKiB]),
        ),
      });
    sample(0);
    for (let sent = 0; sent < total;) {
      const count = Math.min(chunk, total - sent);
      // Signed just before sending: 100,000 signed envelopes held at once would be the bench's RSS.
      const messages = signedMessages(template, npMl, count, template.recipients);
      const run = await runPath(
        { direction: 'outbound', platform, messages },
        observers,
        0,
        STALL_MS,
        () => {},
      );
      sent += count;
      sample(sent);
      say(`soak: ${sent}/${total} through / arrivés (${run.throughputPerSecond} msg/s)`);
    }
  } finally {
    await observers.stop().catch(() => undefined);
    await amqp.close().catch(() => undefined);
  }
  return {
    date: new Date().toISOString(),
    messages: total,
    chunk,
    durationMs: Date.now() - start,
    samples,
    slopeKiBPer10k: slopesOf(samples),
  };
}

export function renderSoak(result: SoakResult): string {
  const mib = (kib: number | undefined) => (kib === undefined ? '' : `${Math.round(kib / 1024)}`);
  const names = Object.keys(result.slopeKiBPer10k);
  const first = result.samples[0];
  const warm = result.samples.find((s) => s.messages >= result.messages * WARM_UP_SHARE);
  const last = result.samples[result.samples.length - 1];
  return [
    '# Memory after many messages / mémoire après beaucoup de messages',
    '',
    `Run of ${result.date.slice(0, 16).replace('T', ' ')} UTC (\`npm run bench -- --soak ${result.messages}\`): ` +
      `${result.messages} outbound messages (NP-ML → peer stored + RP read, the whole path) in chunks of ` +
      `${result.chunk}, in ${round(result.durationMs / 60_000, 1)} min; RSS of every process sampled after each ` +
      `chunk, once it was through. Slope: least squares over the samples from ${WARM_UP_SHARE * 100} % of the run on.`,
    '',
    ...alignedTable(
      [
        'process / processus',
        'RSS MiB at start',
        `at ${warm?.messages ?? 0}`,
        `at ${last?.messages ?? 0}`,
        'max MiB',
        'slope KiB / 10k msg',
      ],
      names.map((name) => [
        name,
        mib(first?.rssKiB[name]),
        mib(warm?.rssKiB[name]),
        mib(last?.rssKiB[name]),
        mib(Math.max(...result.samples.map((s) => s.rssKiB[name] ?? 0))),
        `${result.slopeKiBPer10k[name]}`,
      ]),
    ),
    '',
    'Every sample / chaque échantillon (messages: RSS MiB per process, in the order above):',
    '',
    '```',
    ...result.samples.map((s) => `${s.messages}: ${names.map((name) => mib(s.rssKiB[name])).join(' ')}`),
    '```',
    '',
  ].join('\n');
}
