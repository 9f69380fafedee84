// `npm run bench -- --console [messages]`: what the operations console costs the gateway, and how
// far its live dashboard lags behind the traffic (issue 13, "Performance"). The gateway runs as the
// bench runs it (every app and the peer as real processes, the outbound path); the console is its
// own process, started from the build as production starts it, with one dashboard reader on its
// stream. Bursts without it and with it alternate, starting and ending without it (a machine getting
// busier or quieter during the run weighs on both sides); the first time it runs, a paced pass too,
// at a rate the gateway holds.
import type { LoadedConfig } from '@pcms/config';
import { DASHBOARD_TICK_MS, writeDemoReaderFiles } from '@pcms/console';
import type { PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PlatformClient } from '@pcms/platform-client';
import { initDevelopmentPki } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, START_TIMEOUT_MS, STALL_MS, startGateway } from './bench-suite.runner';
import {
  consoleCost,
  lagsByRank,
  type ConsoleBenchResult,
  type ConsolePass,
  type DashboardSample,
} from './console-figures';
import { DashboardStreamReader } from './dashboard-stream.reader';
import { PathObservers, receiptsFileOf, runPath } from './end-to-end-load.bench';
import { CONSOLE_APP, cpuTimeOf, type GatewayProcessLauncher } from './gateway-process.launcher';
import { round, say } from './latency.stats';
import { signedMessages } from './signed-messages';

/**
 * More than the main bench's 300: after 300, the first burst ran at 113 msg/s and the later ones at
 * 163 to 166 (2026-12-05), and that first burst alone made the cost look negative.
 */
const WARM_UP_MESSAGES = 1000;
/** The reader the demo's console issues (libs/console/src/demo-readers.ts), as the console's tests read. */
const READER_ID = 'CONSOLE-VIEWER';
const ROUTE_LABEL = 'NP-ML outbound';
/** How long the dashboard may take to count what is already through (journal batches, ticks). */
const CATCH_UP_MS = 30_000;
const STOP_GRACE_MS = 10_000;
/** Times the console is started: each time a burst with it, then one without it. */
const ROUNDS_WITH_CONSOLE = 2;
/** Paced at this share of the burst without the console, unless --rate says otherwise. */
const PACED_SHARE = 0.5;

export interface ConsoleBenchOptions {
  messages: number;
  rate?: number;
}

/**
 * `gateway`: the gateway's apps and the peer; `consoleLauncher`: the console alone, with
 * PCMS_CONSOLE_ENABLED in its environment, so that stopping it leaves the gateway running.
 */
export async function runConsoleBench(
  options: ConsoleBenchOptions,
  config: LoadedConfig,
  gateway: GatewayProcessLauncher,
  consoleLauncher: GatewayProcessLauncher,
  projectRoot: string,
): Promise<ConsoleBenchResult> {
  const loadAverageAtStart = round(loadavg()[0], 2);
  const pki = initDevelopmentPki(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const npMl = pki.credential('NP-ML');
  writeDemoReaderFiles(pki, config.paths.pki);
  const reader = pki.credential(READER_ID);
  const template = JSON.parse(readFileSync(join(projectRoot, FIXTURE), 'utf8')) as PcmsEnvelope;
  await startGateway(gateway, 1, config.amqp.namespace);
  const topology = gatewayTopology(config.amqp.namespace);
  const amqp = await AmqpConnection.connect(config.amqp.url, {
    topology: topology.declaration,
    queueType: config.amqp.queueType,
    connectionName: 'pcms-bench-console',
  });
  const observers = new PathObservers(receiptsFileOf(config));
  const platform = new PlatformClient('NP-ML', npMl, caPem, amqp, topology);
  const passes: ConsolePass[] = [];
  let sent = 0;
  let baselinesReached = true;
  let stream: DashboardStreamReader | undefined;

  /** One outbound run; with the stream open, each message's lags behind the dashboard. */
  const pass = async (rate: number, count: number): Promise<ConsolePass> => {
    const withConsole = stream !== undefined;
    const label = `${withConsole ? 'with / avec' : 'without / sans'} console, ${rate === 0 ? 'burst / rafale' : `${rate} msg/s`}`;
    say(`pass / passage ${passes.length + 1}: ${label}, ${count} messages`);
    const baseline = stream ? await caughtUp(stream, sent) : undefined;
    const consolePid = consoleLauncher.pids().get(CONSOLE_APP);
    const cpuBefore = consolePid === undefined ? 0 : cpuTimeOf(consolePid);
    const submitted: number[] = [];
    const through: number[] = [];
    const run = await runPath(
      {
        direction: 'outbound',
        platform,
        messages: signedMessages(template, npMl, count, template.recipients),
      },
      observers,
      rate,
      STALL_MS,
      (n) => say(`  ${n} through / arrivés`),
      (sentAt, throughAt) => {
        submitted.push(sentAt);
        through.push(throughAt);
      },
    );
    const consoleCpuMs = consolePid === undefined ? undefined : cpuTimeOf(consolePid) - cpuBefore;
    const consoleCpu =
      consoleCpuMs === undefined
        ? {}
        : {
            consoleCpuMsPerMessage: round(consoleCpuMs / count, 3),
            consoleCpuPercentOfCore: round((consoleCpuMs / run.durationMs) * 100),
          };
    sent += count;
    let lag: ConsolePass['lag'];
    if (stream && baseline) {
      // The last messages' lags need the ticks after the run: wait until the dashboard counted them.
      await caughtUp(stream, sent);
      const shown = (of: (sample: DashboardSample) => number) =>
        stream?.samples.map((sample) => ({ at: sample.at, count: of(sample) })) ?? [];
      lag = {
        submitted: lagsByRank(
          submitted,
          shown((s) => s.routeCount),
          baseline.routeCount,
        ),
        delivered: lagsByRank(
          through,
          shown((s) => s.delivered),
          baseline.delivered,
        ),
      };
      say(
        `  lag / retard p50/p95/max ms: submitted ${lag.submitted.lag.p50Ms}/${lag.submitted.lag.p95Ms}/${lag.submitted.lag.maxMs}, through ${lag.delivered.lag.p50Ms}/${lag.delivered.lag.p95Ms}/${lag.delivered.lag.maxMs}`,
      );
    }
    say(`  ${run.throughputPerSecond} msg/s`);
    const result: ConsolePass = {
      order: passes.length + 1,
      console: withConsole,
      offeredPerSecond: rate,
      achievedPerSecond: run.throughputPerSecond,
      messages: count,
      durationMs: run.durationMs,
      ...consoleCpu,
      ...(lag ? { lag } : {}),
    };
    passes.push(result);
    return result;
  };

  /** The sample once the dashboard counts `total` messages; the last one seen when it does not in time. */
  const caughtUp = async (reader: DashboardStreamReader, total: number): Promise<DashboardSample> => {
    const done = (s: DashboardSample) => s.routeCount >= total && s.delivered >= total;
    const sample = await reader.waitFor(done, CATCH_UP_MS);
    if (sample) return sample;
    baselinesReached = false;
    const last = reader.samples[reader.samples.length - 1];
    say(
      `  the dashboard has not counted all ${total} messages after ${CATCH_UP_MS} ms / n'a pas tout compté: route ${last?.routeCount}, delivered ${last?.delivered}`,
    );
    return last ?? { at: Date.now(), routeCount: 0, delivered: 0 };
  };

  try {
    await observers.start(
      amqp,
      topology,
      (id) => pki.credential(id),
      caPem,
      join(config.paths.data, 'platforms'),
    );
    const warmUp = Math.min(WARM_UP_MESSAGES, options.messages);
    say(`warm-up / échauffement (${warmUp} messages, not counted / non compté)`);
    await runPath(
      {
        direction: 'outbound',
        platform,
        messages: signedMessages(template, npMl, warmUp, template.recipients),
      },
      observers,
      0,
      STALL_MS,
      () => undefined,
    );
    sent += warmUp;
    const without = [await pass(0, options.messages)];
    const withConsole: ConsolePass[] = [];
    for (let round = 1; round <= ROUNDS_WITH_CONSOLE; round += 1) {
      say(
        'starting the console / démarrage de la console, one dashboard reader / un lecteur du tableau de bord',
      );
      const url = await consoleLauncher.start(CONSOLE_APP, START_TIMEOUT_MS);
      if (!url)
        throw new Error('the console named no URL in its started line / la console n’a pas donné son URL');
      stream = await DashboardStreamReader.connect(url, reader, caPem, ROUTE_LABEL);
      withConsole.push(await pass(0, options.messages));
      if (round === 1) {
        const slowest = Math.min(...without.map((one) => one.achievedPerSecond));
        await pass(options.rate ?? Math.max(1, Math.round(slowest * PACED_SHARE)), options.messages);
      }
      stream.close();
      stream = undefined;
      await consoleLauncher.stopAll(STOP_GRACE_MS);
      without.push(await pass(0, options.messages));
    }
    return {
      date: new Date().toISOString(),
      cores: cpus().length,
      loadAverageAtStart,
      warmUpMessages: warmUp,
      tickMs: DASHBOARD_TICK_MS,
      baselinesReached,
      passes,
      cost: consoleCost(
        without.map((one) => one.achievedPerSecond),
        withConsole.map((one) => one.achievedPerSecond),
      ),
    };
  } finally {
    stream?.close();
    await observers.stop().catch(() => undefined);
    await amqp.close().catch(() => undefined);
  }
}
