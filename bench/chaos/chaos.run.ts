// One chaos run (issue 12, point 5): the three-node cluster, two instances of every gateway app on
// it with the journal on PostgreSQL, traffic in both directions, faults injected while it flows,
// then a bounded wait for every message and the count at every destination. Self-stopping and
// bounded; whatever happens, the processes are stopped, the run's resources removed, the services
// left running and the cluster stopped. bench/chaos/README.md explains the figures.
import type { PlatformId } from '@pcms/envelope';
import { journalStoreFromConfig } from '@pcms/journal';
import { AmqpConnection, gatewayTopology, QueueStats } from '@pcms/messaging';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import {
  expectedDestinations,
  GATEWAY_APPS,
  planFaults,
  planTraffic,
  type Destination,
  type FaultKind,
  type PlannedFault,
  type PlannedMessage,
} from './chaos.plan';
import { countDestinations, journalGaps, type JournalExpectation } from './chaos-count';
import { ChaosEnvironment } from './chaos.environment';
import type { ChaosReport, FaultRecord } from './chaos.report';
import { ChaosTraffic, DoorRefusal } from './chaos.traffic';
import { DestinationObservers } from './destination.observers';
import { ServiceFaults } from './broker-and-services.faults';
import { GatewayFleet, type AppCommand } from './gateway.fleet';
import { HoldReleaser } from './hold.releaser';
import { readJournal } from './journal.reader';
import { SeededRandom } from './seeded-random';

const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 15_000;
const PROGRESS_EVERY_MS = 10_000;
const CANARY_TIMEOUT_MS = 300_000;
const PEER = 'i247-peer';
const CLEANUP_STEP_MS = 120_000;

/** Rejects after `ms` if `work` has not settled (the work itself goes on, unobserved). */
async function bounded<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no end after ${ms} ms / pas fini`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ChaosOptions {
  messages: number;
  kills: number;
  seed: number;
  /** Processes of each gateway app. */
  instances: number;
  infrastructure: readonly FaultKind[];
  /** Messages sent and not yet at all their destinations, at most: traffic waits beyond it. */
  window: number;
  /** Traffic stops after this, sent or not (the run is bounded in time). */
  maxMinutes: number;
  /** After the traffic: the wait for every message, at most. */
  settleMinutes: number;
  peerOutageSeconds: number;
  basePort: number;
  projectRoot: string;
  appCommand: AppCommand;
  say: (line: string) => void;
}

interface Tracked {
  message: PlannedMessage;
  messageId?: string;
  destinations: readonly Destination[];
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { say } = options;
  const runStarted = Date.now();
  const elapsed = () => Date.now() - runStarted;
  const random = new SeededRandom(options.seed);
  const plan = planTraffic(random, options.messages);
  const faultPlan = planFaults(random, options.messages, options);
  const canaryRandom = new SeededRandom(options.seed ^ 0x5eed);
  say(
    `seed ${options.seed} (replay / rejouer: --seed ${options.seed}); ${plan.length} messages, ${faultPlan.length} faults / pannes`,
  );

  const services = new ServiceFaults(options.projectRoot, say);
  const runId = randomBytes(4).toString('hex');
  let environment: ChaosEnvironment | undefined;
  let fleet: GatewayFleet | undefined;
  let amqp: AmqpConnection | undefined;
  let observers: DestinationObservers | undefined;
  let traffic: ChaosTraffic | undefined;
  let releaser: HoldReleaser | undefined;
  let healthy = false;
  try {
    say('cluster / grappe: scripts/rabbitmq-cluster.sh start');
    const urls = await services.startCluster();
    environment = await ChaosEnvironment.create({ ...options, runId, brokerUrls: urls });
    const { config, pki } = environment;
    say(
      `namespace ${config.amqp.namespace}, database / base ${environment.database}, data ${environment.dataDir}`,
    );
    fleet = new GatewayFleet(environment.root, environment.env, options.appCommand, environment.logDir);
    const started = Date.now();
    // Instance 1 of each app first: it declares the topology and migrates the database alone.
    await Promise.all(
      [...GATEWAY_APPS.map((app) => `${app}#1`), PEER].map((name) => fleet!.start(name, START_TIMEOUT_MS)),
    );
    const others = GATEWAY_APPS.flatMap((app) =>
      Array.from({ length: options.instances - 1 }, (_, k) => `${app}#${k + 2}`),
    );
    await Promise.all(others.map((name) => fleet!.start(name, START_TIMEOUT_MS)));
    say(
      `started / démarré: ${options.instances} × ${GATEWAY_APPS.join(', ')} + ${PEER} (${Math.round((Date.now() - started) / 1000)} s)`,
    );

    const topology = gatewayTopology(config.amqp.namespace, config.amqp.retry);
    amqp = await AmqpConnection.connect(urls, {
      connectionName: `pcms-chaos-platforms@${config.amqp.namespace}`,
    });
    observers = new DestinationObservers(`${config.paths.peerInbox}/receipts.log`);
    await observers.start(
      amqp,
      topology,
      (platform: PlatformId) => pki.credential(platform),
      pki.caCertificatePem(),
      environment.dataDir,
    );
    traffic = new ChaosTraffic(
      options.projectRoot,
      amqp,
      topology,
      (party) => pki.credential(party),
      pki.caCertificatePem(),
      environment.peerDoors(options.instances),
    );
    releaser = new HoldReleaser(config, environment.operators, pki.caCertificatePem());
    releaser.start();

    const tracked: Tracked[] = [];
    const outstanding = new Set<Tracked>();
    const sendFailures: string[] = [];
    let retries = 0;
    let sent = 0;
    const onRetry = () => void (retries += 1);
    const through = (item: Tracked) =>
      item.messageId !== undefined && observers!.reached(item.messageId, item.destinations);
    const prune = () => {
      for (const item of outstanding) if (through(item)) outstanding.delete(item);
    };
    const trafficDeadline = runStarted + options.maxMinutes * 60_000;

    // Faults, one after another, each when the traffic reaches its point; a canary after each. The
    // traffic never runs past the point of a fault not yet injected, so faults hit a flowing gateway.
    let pendingFaultAt = Infinity;
    const faults: FaultRecord[] = [];
    const injector = (async () => {
      for (const [index, fault] of faultPlan.entries()) {
        pendingFaultAt = fault.atMessage;
        while (sent < fault.atMessage && Date.now() < trafficDeadline) await delay(50);
        // Traffic goes on while the fault is injected and undone, up to the next fault's point.
        pendingFaultAt = faultPlan[index + 1]?.atMessage ?? Infinity;
        if (Date.now() >= trafficDeadline) break;
        const record = await inject(fault, sent, { fleet: fleet, services, options, elapsed, say });
        const canary: Tracked = {
          message: { index: -1, kind: 'outbound', fixture: 0, id: canaryRandom.uuid() },
          destinations: ['INTERPOL', 'RP'],
        };
        tracked.push(canary);
        const sentAt = Date.now();
        canary.messageId = (await traffic.send(canary.message, onRetry))?.messageId;
        while (!through(canary) && Date.now() - sentAt < CANARY_TIMEOUT_MS) await delay(100);
        record.recoveredAfterMs = through(canary) ? Date.now() - sentAt : null;
        record.canary = canary.message.id;
        faults.push(record);
        say(`  ${describe(record)}`);
      }
    })();

    let lastProgress = 0;
    const progress = (phase: string) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      say(
        `${phase}: ${sent}/${plan.length} sent / envoyés, ${sent - outstanding.size} through / arrivés, faults / pannes ${faults.length}/${faultPlan.length}, ${Math.round(elapsed() / 1000)} s`,
      );
    };
    const sending = new Set<Promise<void>>();
    for (const message of plan) {
      while ((outstanding.size >= options.window || sent >= pendingFaultAt) && Date.now() < trafficDeadline) {
        prune();
        progress('traffic / trafic');
        if (outstanding.size >= options.window || sent >= pendingFaultAt) await delay(50);
      }
      if (Date.now() >= trafficDeadline) break;
      const item: Tracked = { message, destinations: expectedDestinations(message) };
      tracked.push(item);
      if (item.destinations.length > 0) outstanding.add(item);
      sent += 1;
      const sendOne = traffic
        .send(message, onRetry)
        .then((result) => void (item.messageId = result?.messageId))
        .catch((error: unknown) => {
          outstanding.delete(item);
          sendFailures.push(error instanceof DoorRefusal ? error.message : String(error));
        });
      sending.add(sendOne);
      void sendOne.finally(() => sending.delete(sendOne));
      progress('traffic / trafic');
    }
    const trafficEnded = elapsed();
    if (sent < plan.length)
      say(`time bound reached / limite de temps atteinte: ${sent} of / sur ${plan.length} sent`);
    // The faults still to come (each waits for its point) and the canaries, with progress meanwhile.
    let injected = false;
    void injector.finally(() => (injected = true));
    while (!injected) {
      prune();
      progress('faults / pannes');
      await delay(500);
    }
    await injector;
    // Sends still retrying at the time bound give up.
    const settleDeadline = Date.now() + options.settleMinutes * 60_000;
    while (sending.size > 0 && Date.now() < settleDeadline) await delay(100);
    say(`settling / attente de la fin: ${outstanding.size} messages not yet everywhere / pas encore partout`);
    while (Date.now() < settleDeadline) {
      prune();
      progress('settling / attente');
      if (outstanding.size === 0) break;
      await delay(500);
    }
    // Nothing left in any queue but the expected dead letters: the journal and the deliveries are done.
    const stats = new QueueStats(amqp, topology.queues.deadLetters.name);
    const queueNames = topology.declaration.queues
      .map((queue) => queue.name)
      .filter((name) => name !== topology.queues.deadLetters.name);
    let stuck: { queue: string; messages: number }[] = [];
    while (Date.now() < settleDeadline + 120_000) {
      stuck = (await stats.queueDepths(queueNames))
        .filter((depth) => depth.messageCount > 0)
        .map((depth) => ({ queue: depth.queue, messages: depth.messageCount }));
      if (stuck.length === 0) break;
      await delay(1000);
    }
    const settled = elapsed();
    const [deadLetterDepth] = await stats.queueDepths([topology.queues.deadLetters.name]);
    traffic.stop();
    const holds = await releaser.stop();
    await observers.stop();

    say('counting / décompte: destinations, journal, audit verify');
    const expected = new Map<string, readonly Destination[]>();
    for (const item of tracked) if (item.messageId) expected.set(item.messageId, item.destinations);
    const destinations = countDestinations(expected, observers.observations());
    const journal = await readJournal(config);
    const expectations: JournalExpectation[] = tracked
      .filter((item) => item.messageId)
      .map((item) => ({ id: item.messageId!, kind: item.message.kind, destinations: item.destinations }));
    const gaps = journalGaps(expectations, journal);
    const store = await journalStoreFromConfig(config);
    const chain = await store.verifyChain().finally(() => store.close());
    const crashed = fleet.crashed().map(({ name, tail }) => ({ name, tail: tail.slice(-5) }));

    const lost = destinations.reduce((sum, d) => sum + d.lost, 0);
    const seenTwice = destinations.reduce((sum, d) => sum + d.seenTwice, 0);
    const unexpected = destinations.reduce((sum, d) => sum + d.unexpected, 0);
    const refused = tracked.filter((item) => item.message.kind === 'refused' && item.messageId).length;
    const ok =
      lost === 0 &&
      seenTwice === 0 &&
      unexpected === 0 &&
      chain.ok &&
      gaps.length === 0 &&
      stuck.length === 0 &&
      sendFailures.length === 0 &&
      sent === plan.length &&
      faults.every((fault) => !fault.error && fault.recoveredAfterMs !== null) &&
      crashed.length === 0;
    healthy = ok;
    return {
      date: new Date(runStarted).toISOString(),
      seed: options.seed,
      options: {
        messages: options.messages,
        kills: options.kills,
        instances: options.instances,
        infrastructure: [...options.infrastructure],
        window: options.window,
        maxMinutes: options.maxMinutes,
        settleMinutes: options.settleMinutes,
        peerOutageSeconds: options.peerOutageSeconds,
      },
      machine: {
        cpus: cpus().length,
        loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
        node: process.versions.node,
      },
      sent,
      kinds: Object.fromEntries(
        ['outbound', 'held', 'refused', 'inbound'].map((kind) => [
          kind,
          tracked.filter((item) => item.message.kind === kind && item.message.index >= 0).length,
        ]),
      ),
      canaries: faults.length,
      durations: { trafficMs: trafficEnded, settledMs: settled, totalMs: elapsed() },
      faults,
      destinations: destinations.map(({ lostIds, seenTwiceIds, ...count }) => ({
        ...count,
        lostIds: lostIds.slice(0, 20),
        seenTwiceIds: seenTwiceIds.slice(0, 20),
      })),
      totals: { lost, seenTwice, unexpected },
      platformCounters: observers.platformCounters(),
      journal: {
        messagesChecked: expectations.length,
        gaps: gaps.length,
        gapExamples: gaps.slice(0, 20),
        chain,
      },
      deadLetters: { expectedRefusals: refused, inQueue: deadLetterDepth?.messageCount ?? 0 },
      stuck,
      holds: holds ?? {},
      sendRetries: retries,
      sendFailures: sendFailures.slice(0, 20),
      crashed,
      logs: environment.logDir,
      ok,
    };
  } catch (error: unknown) {
    say(`run failed / essai en échec: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    say('cleaning up / nettoyage: processes, queues, Redis keys, database, cluster stop');
    traffic?.stop();
    // Each step bounded: a cleanup that hangs must not keep the services in their faulty state.
    const step = (label: string, action: () => Promise<unknown>) =>
      bounded(action(), CLEANUP_STEP_MS, label).catch((error: unknown) =>
        say(
          `cleanup warning / avertissement: ${label}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    await step('hold releaser', () => releaser?.stop() ?? Promise.resolve());
    await step('platforms', () => observers?.stop() ?? Promise.resolve());
    await step('broker connection', () => amqp?.close() ?? Promise.resolve());
    await step('processes', () => fleet?.stopAll(STOP_GRACE_MS) ?? Promise.resolve());
    await step(
      'resources',
      () =>
        environment?.remove(!healthy, (line) => say(`cleanup warning / avertissement: ${line}`)) ??
        Promise.resolve(),
    );
    if (environment && !healthy) say(`logs kept / journaux gardés: ${environment.logDir}`);
    await services.restoreAll();
  }
}

interface InjectContext {
  fleet: GatewayFleet;
  services: ServiceFaults;
  options: ChaosOptions;
  elapsed: () => number;
  say: (line: string) => void;
}

/** Injects one fault and undoes it; the record says when and how long it took to restore. */
async function inject(fault: PlannedFault, sent: number, context: InjectContext): Promise<FaultRecord> {
  const { fleet, services, options, elapsed } = context;
  const startedAt = elapsed();
  const record: FaultRecord = {
    kind: fault.kind,
    target: fault.target,
    atMessage: sent,
    startedAtMs: startedAt,
    restoredAfterMs: 0,
    recoveredAfterMs: null,
  };
  try {
    switch (fault.kind) {
      case 'process-kill':
        await fleet.kill(fault.target!);
        await fleet.start(fault.target!, START_TIMEOUT_MS);
        break;
      case 'broker-node-kill':
        await services.killBrokerNode(fault.target!);
        await services.startCluster();
        break;
      case 'broker-stop':
        await services.stopBroker();
        await services.startBroker();
        break;
      case 'redis-restart':
        await services.restartRedis();
        break;
      case 'postgres-restart':
        await services.restartPostgres();
        break;
      case 'peer-outage':
        fleet.pause(PEER);
        await delay(options.peerOutageSeconds * 1000);
        fleet.resume(PEER);
        break;
    }
  } catch (error: unknown) {
    record.error = error instanceof Error ? error.message.slice(0, 500) : String(error);
  }
  record.restoredAfterMs = elapsed() - startedAt;
  return record;
}

export function describe(record: FaultRecord): string {
  const target = record.target ? ` ${record.target}` : '';
  const recovered =
    record.recoveredAfterMs === null
      ? 'canary not through / témoin pas arrivé'
      : `canary through after / témoin arrivé après ${record.recoveredAfterMs} ms`;
  return `${record.kind}${target} at message ${record.atMessage}: restored after / rétabli après ${record.restoredAfterMs} ms, ${recovered}${record.error ? `, ERROR ${record.error}` : ''}`;
}
