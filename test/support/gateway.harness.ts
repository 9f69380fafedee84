// The whole gateway in this process, on the real broker and Redis: the four apps started as they
// are in production, isolated by a namespace, a Redis prefix and a temporary data folder. The
// journal is SQLite in that folder, or a fresh PostgreSQL database (`journalDriver`, or
// PCMS_TEST_JOURNAL_DRIVER=postgres for every suite). On stop, every message sent through the
// harness must be traced by the journal and the chain must verify: each suite proves it.
import type { LoadedConfig } from '@pcms/config';
import { journalStoreFromConfig, type JournalDriver, type JournalStore } from '@pcms/journal';
import { LogCapture } from '@pcms/logging/testing';
import type { PlatformId } from '@pcms/envelope';
import {
  AmqpConnection,
  gatewayTopology,
  QueueStats,
  type DeadLetter,
  type GatewayTopology,
} from '@pcms/messaging';
import { PeerInbox } from '@pcms/peer';
import type { RunningApp } from '@pcms/runtime';
import { SignatureVerifier } from '@pcms/trust';
import { writeTestPki, type TestPki } from '@pcms/trust/testing';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startI247Adapter } from '../../apps/i247-adapter/src/i247-adapter.app';
import { startJournalWriter } from '../../apps/journal-writer/src/journal-writer.app';
import { startPeer } from '../../apps/i247-peer/src/peer.app';
import { startPcmsAdapter } from '../../apps/pcms-adapter/src/pcms-adapter.app';
import { startRouter } from '../../apps/router/src/router.app';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import { AMQP_URL, deleteTopology } from './broker';
import { expectEventually } from './expect-eventually';
import { auditJournal, journalQueueDrained } from './journal-audit';
import { RecordingPeerSender, RecordingPlatformClient } from './recording-clients';
import { harnessConfig, harnessProfile, PROJECT_ROOT } from './harness-config';

export { PROJECT_ROOT };

/** The gateway apps that run as several instances (`npm start -- --instances N`); the peer runs once. */
export type InstancedAppName = 'journal-writer' | 'pcms-adapter' | 'router' | 'i247-adapter';

const STARTERS: Record<InstancedAppName, (config: LoadedConfig) => Promise<RunningApp>> = {
  'journal-writer': startJournalWriter,
  'pcms-adapter': startPcmsAdapter,
  router: startRouter,
  'i247-adapter': startI247Adapter,
};

export interface HarnessOptions {
  /** Where the run's journal lives; default PCMS_TEST_JOURNAL_DRIVER, else SQLite. */
  journalDriver?: JournalDriver;
}

export class GatewayHarness {
  private readonly apps = new Map<string, RunningApp>();
  private peerPort = 0;
  private peerInboxReader?: PeerInbox;
  private journalStore?: JournalStore;
  /** Every message id sent through the harness's clients: the journal must trace each. */
  private readonly sentMessageIds = new Set<string>();
  /** Their kept-alive connections to the gateway are closed with the run. */
  private readonly peerSenders: RecordingPeerSender[] = [];

  private constructor(
    readonly config: LoadedConfig,
    readonly pki: TestPki,
    readonly topology: GatewayTopology,
    readonly amqp: AmqpConnection,
    readonly stats: QueueStats,
    /**
     * What the apps logged at warn and above, in memory: a suite asserts the warnings it provokes
     * (a connection it closes) instead of printing them. PCMS_TEST_LOG_LEVEL=<level> prints them too.
     */
    readonly logs: LogCapture,
    private readonly journalDatabase?: JournalTestDatabase,
  ) {}

  /** Builds an isolated configuration and PKI (and journal database); starts nothing yet. */
  static async create(
    testFile: string,
    delivery = { attempts: 3, backoffMs: 100 },
    options: HarnessOptions = {},
  ): Promise<GatewayHarness> {
    const logs = LogCapture.open(process.env.PCMS_TEST_LOG_LEVEL ? process.stdout : undefined);
    const dataDir = mkdtempSync(join(tmpdir(), 'pcms-e2e-'));
    const { pki } = writeTestPki(join(dataDir, 'pki'));
    const driver =
      options.journalDriver ?? (process.env.PCMS_TEST_JOURNAL_DRIVER === 'postgres' ? 'postgres' : 'sqlite');
    const journalDatabase = driver === 'postgres' ? await journalTestDatabase(driver, testFile) : undefined;
    const config = harnessConfig(testFile, {
      dataDir,
      delivery,
      postgresUrl: journalDatabase?.location.postgresUrl,
    });
    const topology = gatewayTopology(config.amqp.namespace);
    const amqp = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: 'pcms-test-harness',
    });
    return new GatewayHarness(
      config,
      pki,
      topology,
      amqp,
      new QueueStats(amqp, topology.declaration.deadLetterQueue),
      logs,
      journalDatabase,
    );
  }

  /** Starts the peer first (its port goes into the adapter's configuration), then the gateway. */
  async startAll(): Promise<void> {
    await this.startPeer();
    await this.startJournalWriter();
    const gatewayConfig = this.withOverrides({
      i247Adapter: { peerUrl: `https://127.0.0.1:${this.peerPort}/notices` },
    });
    this.apps.set('pcms-adapter', await startPcmsAdapter(gatewayConfig));
    this.apps.set('router', await startRouter(gatewayConfig));
    const adapter = await startI247Adapter(gatewayConfig);
    this.apps.set('i247-adapter', adapter);
    Object.assign(this.config.peer, { gatewayUrl: `${adapter.url}/inbound/notices` });
  }

  /**
   * One more instance of a gateway app on the run's namespace, Redis prefix and journal, as the
   * supervisor runs them (issue 12): known here as `<app>#<instance>` (metrics('router#2')).
   */
  async startInstance(app: InstancedAppName, instance: number): Promise<RunningApp> {
    const running = await STARTERS[app](
      this.withOverrides({
        instance,
        i247Adapter: { peerUrl: `https://127.0.0.1:${this.peerPort}/notices` },
      }),
    );
    this.apps.set(`${app}#${instance}`, running);
    return running;
  }

  /** A started app or instance (`router`, `router#2`), to act on its real objects (`get`). */
  running(name: string): RunningApp {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not started`);
    return app;
  }

  /** Stops one app or instance (`router#2`) the way its shutdown does: what it holds is finished first. */
  async stopApp(name: string): Promise<void> {
    await this.apps.get(name)?.close();
    this.apps.delete(name);
  }

  /** (Re)starts the peer, on the same port as before once it had one. */
  async startPeer(): Promise<void> {
    const peer = await startPeer(
      this.withOverrides({ peer: { http: { host: '127.0.0.1', port: this.peerPort } } }),
    );
    this.peerPort = Number(new URL(peer.url).port);
    this.apps.set('i247-peer', peer);
  }

  /** (Re)starts the journal writer on the run's journal (SQLite in the temp data folder by default). */
  async startJournalWriter(): Promise<void> {
    this.apps.set('journal-writer', await startJournalWriter(this.withOverrides({})));
  }

  /** Stops the journal writer the way its shutdown does: the batch in flight is committed first. */
  async stopJournalWriter(): Promise<void> {
    await this.apps.get('journal-writer')?.close();
    this.apps.delete('journal-writer');
  }

  /** The run's journal, opened once, for assertions (trace, verify). */
  async journal(): Promise<JournalStore> {
    this.journalStore ??= await journalStoreFromConfig(this.config);
    return this.journalStore;
  }

  async stopPeer(): Promise<void> {
    await this.apps.get('i247-peer')?.close();
    this.apps.delete('i247-peer');
  }

  /** A platform's client; what it submits while the gateway runs is remembered for the journal audit. */
  platform(id: PlatformId, credential = this.pki.credential(id)): RecordingPlatformClient {
    const client = new RecordingPlatformClient(
      id,
      credential,
      this.pki.ca.certificatePem,
      this.amqp,
      this.topology,
    );
    client.remember = (messageId) => {
      if (this.apps.has('pcms-adapter')) this.sentMessageIds.add(messageId);
    };
    return client;
  }

  /** The peer's client; every notice the gateway answered is remembered for the journal audit. */
  peerSender(credential = this.pki.peer): RecordingPeerSender {
    const sender = new RecordingPeerSender({
      credential,
      caPem: this.pki.ca.certificatePem,
      gatewayUrl: this.config.peer.gatewayUrl,
      gatewayId: 'GATEWAY',
      timeoutMs: 5000,
    });
    sender.remember = (messageId) => this.sentMessageIds.add(messageId);
    this.peerSenders.push(sender);
    return sender;
  }

  /** The ids the end-of-run journal audit will look for. */
  get sentMessages(): ReadonlySet<string> {
    return this.sentMessageIds;
  }

  /** The HTTPS base URL of a started app (`pcms-adapter`, `i247-adapter`, `i247-peer`). */
  appUrl(app: string): string {
    const url = this.apps.get(app)?.url;
    if (!url) throw new Error(`${app} is not started or serves no HTTPS`);
    return url;
  }

  /** The text of a started app's /metrics (observability listens on a free port per app). */
  async metrics(app: string): Promise<string> {
    const url = this.apps.get(app)?.metricsUrl;
    if (!url) throw new Error(`${app} is not started or serves no metrics`);
    return (await fetch(`${url}/metrics`)).text();
  }

  /** The dead letter of `messageId`, once it has landed (polls the queue without consuming it). */
  async deadLetterOf(messageId: string, timeoutMs = 30_000): Promise<DeadLetter> {
    return expectEventually(
      async () => {
        const letter = (await this.stats.peekDeadLetters(500)).find((l) => l.messageId === messageId);
        expect(letter).toBeDefined();
        return letter as DeadLetter;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  get peerInbox(): string {
    return this.config.paths.peerInbox;
  }

  /** The peer's inbox as the tests read it: stored notices and every delivery received. */
  get inbox(): PeerInbox {
    this.peerInboxReader ??= new PeerInbox(
      this.config.paths.peerInbox,
      new SignatureVerifier({ trustAnchorsPem: [this.pki.ca.certificatePem] }),
    );
    return this.peerInboxReader;
  }

  /**
   * Stops every app (each finishes its in-flight messages), lets the journal writer drain its
   * queue, audits the journal (every sent message traced, the chain intact), then removes what
   * the run created, also when the audit fails.
   */
  async stop(): Promise<void> {
    try {
      for (const [name, app] of [...this.apps.entries()].reverse()) {
        if (name !== 'journal-writer') await app.close();
      }
      await this.drainAndAuditJournal();
    } finally {
      await this.cleanUp();
    }
  }

  private async drainAndAuditJournal(): Promise<void> {
    if (this.sentMessageIds.size === 0) {
      await this.stopJournalWriter();
      return;
    }
    // A suite that left the writer stopped still owes its events to the journal.
    if (!this.apps.has('journal-writer')) await this.startJournalWriter();
    await journalQueueDrained(this.stats, this.topology.queues.journalWriter.name);
    await this.stopJournalWriter();
    await auditJournal(await this.journal(), this.sentMessageIds);
  }

  private async cleanUp(): Promise<void> {
    this.peerSenders.splice(0).forEach((sender) => sender.close());
    for (const app of [...this.apps.values()].reverse()) await app.close();
    this.apps.clear();
    await this.journalStore?.close();
    await this.journalDatabase?.drop();
    await this.amqp.close();
    await deleteTopology(this.topology.declaration);
    const redis = new Redis(this.config.redis.url);
    const keys = await redis.keys(`${this.config.redis.keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(this.config.paths.data, { recursive: true, force: true });
    this.logs.close();
  }

  private withOverrides(patch: Record<string, unknown>): LoadedConfig {
    return harnessProfile(deepMerge(structuredClone(stripPaths(this.config)), patch));
  }
}

function stripPaths(config: LoadedConfig): Record<string, unknown> {
  const { paths: _paths, profile: _profile, ...rest } = config;
  return rest;
}

function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    target[key] =
      value && typeof value === 'object' && !Array.isArray(value)
        ? deepMerge((target[key] as Record<string, unknown>) ?? {}, value as Record<string, unknown>)
        : value;
  }
  return target;
}
