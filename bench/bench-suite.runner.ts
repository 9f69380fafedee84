// The measures of one benchmark run, in order: the unit costs of the irreducible work (on a quiet
// gateway: it is not started yet), then the whole path with every gateway process and the peer
// running, per direction: a burst (the maximum) with the CPU of every process, the unit costs again
// (the limit is their mean: the machine's speed drifts), then paced runs at 25, 50 and 75 % of that
// maximum (latency below saturation).
import type { LoadedConfig } from '@pcms/config';
import { PLATFORM_IDS, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PeerSender, PEER_ID } from '@pcms/peer';
import { PlatformClient } from '@pcms/platform-client';
import { initDevelopmentPki } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeMachine,
  type BenchResults,
  type DirectionResults,
  type ScalingRun,
} from './bench-results.writer';
import { measureCliStart, type CliStartResult } from './cli-start.bench';
import {
  PathObservers,
  receiptsFileOf,
  runPath,
  type Direction,
  type InboundLoad,
  type OutboundLoad,
  type PathResult,
} from './end-to-end-load.bench';
import { signedMessages, wireBytes } from './signed-messages';
import { BENCH_APPS, GATEWAY_APPS, type GatewayProcessLauncher } from './gateway-process.launcher';
import { round, say } from './latency.stats';
import {
  limitOf,
  meanCosts,
  measureUnitCosts,
  MINIMAL_WORK,
  type UnitCostOptions,
  type UnitCosts,
} from './physical-limit.bench';
import { cpuSnapshot, memoryOf } from './process-usage';
import { coresLeftForPath, predictThroughput, readMachineCpu } from './scaling.model';

export const FIXTURE =
  'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json';
const INBOUND_FIXTURE = 'libs/notice/fixtures/valid/red-full-mali-niger.xml';
export const START_TIMEOUT_MS = 60_000;
export const STALL_MS = 60_000;
const WARM_UP_MESSAGES = 300;
const UNIT_OPERATIONS = 300;
const MIN_HOPS = 2000;
const STOP_GRACE_MS = 10_000;
export const PACED_FRACTIONS = [0.25, 0.5, 0.75] as const;

export interface SuiteOptions {
  messages: number;
  /** One paced run per direction at this rate, instead of 25/50/75 % of the maximum. */
  rate?: number;
  directions: Direction[];
  /** After the first run (one process per app), the burst again with this many per gateway app. */
  instances: number;
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
  let cliStart: CliStartResult | undefined;
  try {
    cliStart = measureCliStart(projectRoot, env);
  } catch (error: unknown) {
    say(`  not measured / non mesuré: ${error instanceof Error ? error.message : String(error)}`);
  }

  say(
    `unit costs / coûts unitaires: raw broker hop ×${Math.max(options.messages, MIN_HOPS)}, sign, verify, TLS request`,
  );
  const unitCostOptions: UnitCostOptions = {
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
  };
  const { costs, rawBroker } = await measureUnitCosts(unitCostOptions);
  sayCosts(costs);

  await startGateway(launcher, 1, config.amqp.namespace);
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
  const burstOf = (direction: Direction) =>
    measureBurst(direction, options.messages, machine.cpuCount, loadOf, observers, launcher);
  const directions: DirectionResults[] = [];
  const scaling: ScalingRun[] = [];
  let memory: BenchResults['memory'] | undefined;
  try {
    await observers.start(
      amqp,
      topology,
      (platform) => pki.credential(platform),
      caPem,
      join(config.paths.data, 'platforms'),
    );
    for (const direction of options.directions) {
      const { burst, cpuMsPerMessage, coresLeft } = await burstOf(direction);
      say(`${direction}: unit costs again, beside the burst / coûts unitaires de nouveau, après la rafale`);
      const { costs: costsAfterBurst } = await measureUnitCosts(unitCostOptions);
      sayCosts(costsAfterBurst);
      const rates = options.rate
        ? [options.rate]
        : PACED_FRACTIONS.map((fraction) => Math.max(1, Math.round(burst.throughputPerSecond * fraction)));
      const pacedRuns = [];
      for (const rate of rates) {
        say(`${direction}: paced / cadencé at ${rate} msg/s (latency / latence)`);
        const run = await runPath(
          loadOf(direction, options.messages),
          observers,
          rate,
          STALL_MS,
          progressOf(direction),
        );
        say(`  p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms, max ${run.latency.maxMs} ms`);
        pacedRuns.push(run);
      }
      const work = MINIMAL_WORK[direction];
      const limit = limitOf(meanCosts(costs, costsAfterBurst), work, machine.cpuCount);
      directions.push({
        direction,
        work,
        costsAfterBurst,
        limitAtStart: limitOf(costs, work, machine.cpuCount),
        limitAfterBurst: limitOf(costsAfterBurst, work, machine.cpuCount),
        limit,
        burst,
        ratioToLimit: round(burst.throughputPerSecond / limit.messagesPerSecond, 4),
        cpuMsPerMessage,
        coresLeft,
        paced: pacedRuns,
      });
    }
    memory = memoryOf(launcher);
    if (options.instances > 1) {
      say(`restarting with / redémarrage avec ${options.instances} instances of each gateway app`);
      await launcher.stopAll(STOP_GRACE_MS);
      launcher.profileDir &&= join(launcher.profileDir, `instances-${options.instances}`);
      await startGateway(launcher, options.instances, config.amqp.namespace);
      for (const one of directions) {
        const run = await burstOf(one.direction);
        scaling.push(scalingRunOf(options.instances, one, run));
      }
    }
  } finally {
    await observers.stop().catch(() => undefined);
    await amqp.close().catch(() => undefined);
    sender.close();
  }

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
      instances: options.instances,
    },
    messageBytes: wireBytes(sample),
    noticeBytes: Buffer.byteLength(noticeXml),
    costs,
    rawBroker,
    directions,
    scaling,
    memory: memory ?? {},
    cliStart,
  };
}

function sayCosts(costs: UnitCosts): void {
  say(
    `  CPU ms: hop ${costs.hopMs} (broker ${costs.hopBrokerMs} + client ${costs.hopClientMs}), sign ${costs.signMs}, verify ${costs.verifyMs}, TLS request ${costs.tlsRequestMs}`,
  );
}

const progressOf = (direction: Direction) => (n: number) => say(`  ${direction}: ${n} through / arrivés`);

/** Instance 1 of every app (it creates the schema and the topology), then the others of the gateway's. */
export async function startGateway(
  launcher: GatewayProcessLauncher,
  instances: number,
  namespace: string,
): Promise<void> {
  say(`starting / démarrage: ${BENCH_APPS.join(', ')} ×${instances} (profile bench, namespace ${namespace})`);
  await Promise.all(BENCH_APPS.map((app) => launcher.start(app, START_TIMEOUT_MS)));
  for (let instance = 2; instance <= instances; instance += 1) {
    await Promise.all(GATEWAY_APPS.map((app) => launcher.start(app, START_TIMEOUT_MS, instance)));
  }
}

/** Uncounted warm-up, then N at once: the maximum, with the CPU of every process around it. */
async function measureBurst(
  direction: Direction,
  messages: number,
  cores: number,
  loadOf: (direction: Direction, count: number) => OutboundLoad | InboundLoad,
  observers: PathObservers,
  launcher: GatewayProcessLauncher,
): Promise<{ burst: PathResult; cpuMsPerMessage: Record<string, number>; coresLeft: number }> {
  const warmUp = Math.min(WARM_UP_MESSAGES, messages);
  say(`${direction}: warm-up / échauffement (${warmUp} messages, not counted / non compté)`);
  await runPath(loadOf(direction, warmUp), observers, 0, STALL_MS, progressOf(direction));

  say(`${direction}: burst / rafale of ${messages} (maximum)`);
  const load = loadOf(direction, messages);
  const before = cpuSnapshot(launcher);
  const machineBefore = readMachineCpu();
  const burst = await runPath(load, observers, 0, STALL_MS, progressOf(direction));
  const machineAfter = readMachineCpu();
  const after = cpuSnapshot(launcher);
  const usedMs = Object.fromEntries(
    Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? 0)]),
  );
  const cpuMsPerMessage = Object.fromEntries(
    Object.entries(usedMs).map(([name, ms]) => [name, round(ms / burst.messages, 3)]),
  );
  const pathMs = Object.values(usedMs).reduce((sum, ms) => sum + ms, 0);
  const coresLeft = coresLeftForPath(cores, machineBefore, machineAfter, pathMs, burst.durationMs);
  say(
    `  ${burst.throughputPerSecond} msg/s, p99 ${burst.latency.p99Ms} ms; cores left for the path / cœurs restants ${coresLeft}`,
  );
  say(`  CPU ms per message / par message: ${JSON.stringify(cpuMsPerMessage)}`);
  return { burst, cpuMsPerMessage, coresLeft };
}

/** The run with more instances, beside what the model predicted for it from the first run's costs. */
function scalingRunOf(
  instances: number,
  single: DirectionResults,
  run: { burst: PathResult; cpuMsPerMessage: Record<string, number>; coresLeft: number },
): ScalingRun {
  const gatewayApps: readonly string[] = GATEWAY_APPS;
  const instancesOf = (app: string) => (gatewayApps.includes(app) ? instances : 1);
  return {
    direction: single.direction,
    instances,
    throughputPerSecond: run.burst.throughputPerSecond,
    coresLeft: run.coresLeft,
    cpuMsPerMessage: run.cpuMsPerMessage,
    // The first run's costs, on the cores this run had: what the model says before seeing it.
    predicted: predictThroughput(single.cpuMsPerMessage, instancesOf, run.coresLeft),
    // The same model for the first run itself: how far off it is where nothing was scaled.
    predictedSingle: predictThroughput(single.cpuMsPerMessage, () => 1, single.coresLeft),
    singleThroughputPerSecond: single.burst.throughputPerSecond,
    singleCoresLeft: single.coresLeft,
  };
}
