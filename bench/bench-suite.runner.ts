// The measures of one benchmark run, in order: the unit costs of the irreducible work (on a quiet
// gateway: it is not started yet) and the limit they give, then the whole path with every gateway
// process and the peer running, per direction: a burst (the maximum) with the CPU of every process,
// then paced runs at 25, 50 and 75 % of that maximum (latency below saturation).
import type { LoadedConfig } from '@pcms/config';
import { PLATFORM_IDS, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PeerSender, PEER_ID } from '@pcms/peer';
import { PlatformClient } from '@pcms/platform-client';
import { initDevelopmentPki } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, type BenchResults, type DirectionResults } from './bench-results.writer';
import { measureCliStart } from './cli-start.bench';
import {
  PathObservers,
  receiptsFileOf,
  runPath,
  type Direction,
  type InboundLoad,
  type OutboundLoad,
} from './end-to-end-load.bench';
import { signedMessages, wireBytes } from './signed-messages';
import {
  BENCH_APPS,
  cpuTimeOf,
  peakMemoryOf,
  pidByName,
  residentMemoryOf,
  type GatewayProcessLauncher,
} from './gateway-process.launcher';
import { round, say } from './latency.stats';
import { limitOf, measureUnitCosts, MINIMAL_WORK } from './physical-limit.bench';

const FIXTURE = 'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json';
const INBOUND_FIXTURE = 'libs/notice/fixtures/valid/red-full-mali-niger.xml';
const START_TIMEOUT_MS = 60_000;
const STALL_MS = 60_000;
const WARM_UP_MESSAGES = 300;
const UNIT_OPERATIONS = 300;
const MIN_HOPS = 2000;
export const PACED_FRACTIONS = [0.25, 0.5, 0.75] as const;

export interface SuiteOptions {
  messages: number;
  /** One paced run per direction at this rate, instead of 25/50/75 % of the maximum. */
  rate?: number;
  directions: Direction[];
}

export async function runBenchSuite(
  options: SuiteOptions,
  config: LoadedConfig,
  launcher: GatewayProcessLauncher,
  projectRoot: string,
  env: NodeJS.ProcessEnv,
): Promise<BenchResults> {
  const machine = describeMachine();
  say(`PKI / ICP (development / de développement: ${config.paths.pki})`);
  const pki = initDevelopmentPki(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const npMl = pki.credential('NP-ML');
  const template = JSON.parse(readFileSync(join(projectRoot, FIXTURE), 'utf8')) as PcmsEnvelope;
  const recipients = template.recipients; // INTERPOL and RP: the notice and the RP copy
  const [sample] = signedMessages(template, npMl, 1, recipients);
  const noticeXml = readFileSync(join(projectRoot, INBOUND_FIXTURE), 'utf8');

  say('command line start / démarrage de la ligne de commande: pcms --help, pcms status');
  const cliStart = measureCliStart(projectRoot, env);

  say(
    `unit costs / coûts unitaires: raw broker hop ×${Math.max(options.messages, MIN_HOPS)}, sign, verify, TLS request`,
  );
  const { costs, rawBroker } = await measureUnitCosts({
    broker: {
      url: config.amqp.url,
      namespace: config.amqp.namespace,
      // The broker's CPU is read in clock ticks (10 ms): enough messages for a per-hop figure.
      messages: Math.max(options.messages, MIN_HOPS),
      body: sample.body,
      headers: { 'pcms-signature': sample.signature.toString('base64') },
      prefetch: config.amqp.prefetch,
      stallMs: STALL_MS,
    },
    credential: pki.credential('GATEWAY'),
    peerCredential: pki.credential(PEER_ID),
    caPem,
    noticeBytes: Buffer.byteLength(noticeXml),
    operations: UNIT_OPERATIONS,
  });
  say(
    `  CPU ms: hop ${costs.hopMs} (broker ${costs.hopBrokerMs} + client ${costs.hopClientMs}), sign ${costs.signMs}, verify ${costs.verifyMs}, TLS request ${costs.tlsRequestMs}`,
  );

  say(`starting / démarrage: ${BENCH_APPS.join(', ')} (profile bench, namespace ${config.amqp.namespace})`);
  await Promise.all(BENCH_APPS.map((app) => launcher.start(app, START_TIMEOUT_MS)));
  const topology = gatewayTopology(config.amqp.namespace);
  const amqp = await AmqpConnection.connect(config.amqp.url, {
    topology: topology.declaration,
    queueType: config.amqp.queueType,
    connectionName: 'pcms-bench-platforms',
  });
  const observers = new PathObservers(receiptsFileOf(config));
  const sender = PeerSender.fromConfig(config);
  let sequence = 0;
  const loadOf = (direction: Direction, count: number): OutboundLoad | InboundLoad => {
    if (direction === 'outbound') {
      const platform = new PlatformClient('NP-ML', npMl, caPem, amqp, topology);
      return { direction, platform, messages: signedMessages(template, npMl, count, recipients) };
    }
    const first = sequence;
    sequence += count;
    const notice = (index: number) =>
      Buffer.from(
        noticeXml.replace(/<NoticeID>[^<]*<\/NoticeID>/, `<NoticeID>BENCH/${first + index}</NoticeID>`),
      );
    return { direction, sender, notice, count };
  };
  const directions: DirectionResults[] = [];
  try {
    await observers.start(
      amqp,
      topology,
      (platform) => pki.credential(platform),
      caPem,
      join(config.paths.data, 'platforms'),
    );
    for (const direction of options.directions) {
      const progress = (n: number) => say(`  ${direction}: ${n} through / arrivés`);
      const warmUp = Math.min(WARM_UP_MESSAGES, options.messages);
      say(`${direction}: warm-up / échauffement (${warmUp} messages, not counted / non compté)`);
      await runPath(loadOf(direction, warmUp), observers, 0, STALL_MS, progress);

      say(`${direction}: burst / rafale of ${options.messages} (maximum)`);
      const load = loadOf(direction, options.messages);
      const before = cpuSnapshot(launcher);
      const burst = await runPath(load, observers, 0, STALL_MS, progress);
      const after = cpuSnapshot(launcher);
      const cpuMsPerMessage = Object.fromEntries(
        Object.entries(after).map(([name, ms]) => [
          name,
          round((ms - (before[name] ?? 0)) / burst.messages, 3),
        ]),
      );
      say(`  ${burst.throughputPerSecond} msg/s, p99 ${burst.latency.p99Ms} ms`);

      const rates = options.rate
        ? [options.rate]
        : PACED_FRACTIONS.map((fraction) => Math.max(1, Math.round(burst.throughputPerSecond * fraction)));
      const pacedRuns = [];
      for (const rate of rates) {
        say(`${direction}: paced / cadencé at ${rate} msg/s (latency / latence)`);
        const run = await runPath(loadOf(direction, options.messages), observers, rate, STALL_MS, progress);
        say(`  p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms, max ${run.latency.maxMs} ms`);
        pacedRuns.push(run);
      }
      const limit = limitOf(costs, MINIMAL_WORK[direction], machine.cpuCount);
      directions.push({
        direction,
        work: MINIMAL_WORK[direction],
        limit,
        burst,
        ratioToLimit: round(burst.throughputPerSecond / limit.messagesPerSecond, 4),
        cpuMsPerMessage,
        paced: pacedRuns,
      });
    }
  } finally {
    await observers.stop().catch(() => undefined);
    await amqp.close().catch(() => undefined);
    sender.close();
  }
  const pids = { ...namedPids(launcher) };
  const memory = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [
      name,
      { rssKiB: residentMemoryOf(pid), peakKiB: peakMemoryOf(pid) },
    ]),
  );

  return {
    date: new Date().toISOString(),
    machine,
    node: process.versions.node,
    options: {
      messages: options.messages,
      warmUpMessages: Math.min(WARM_UP_MESSAGES, options.messages),
      rate: options.rate,
      prefetch: config.amqp.prefetch,
      platforms: PLATFORM_IDS.length,
    },
    messageBytes: wireBytes(sample),
    noticeBytes: Buffer.byteLength(noticeXml),
    costs,
    rawBroker,
    directions,
    memory,
    cliStart,
  };
}

/** Every process that shares the cores during the run: the apps, the broker, Redis and the bench. */
function namedPids(launcher: GatewayProcessLauncher): Record<string, number | 'self'> {
  const pids: Record<string, number | 'self'> = {};
  for (const app of BENCH_APPS) {
    const pid = launcher.pidOf(app);
    if (pid !== undefined) pids[app] = pid;
  }
  for (const name of ['beam.smp', 'redis-server']) {
    const pid = pidByName(name);
    if (pid !== undefined) pids[name] = pid;
  }
  pids.bench = 'self';
  return pids;
}

function cpuSnapshot(launcher: GatewayProcessLauncher): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const [name, pid] of Object.entries(namedPids(launcher))) {
    if (pid === 'self') {
      const { user, system } = process.cpuUsage();
      snapshot[name] = (user + system) / 1000;
    } else {
      snapshot[name] = cpuTimeOf(pid);
    }
  }
  return snapshot;
}
