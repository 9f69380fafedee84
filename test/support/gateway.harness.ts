// The whole gateway in this process, on the real broker and Redis: the four apps started as they
// are in production, isolated by a namespace, a Redis prefix and a temporary data folder.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { journalStoreFromConfig, type JournalStore } from '@pcms/journal';
import type { PlatformId } from '@pcms/envelope';
import {
  AmqpConnection,
  gatewayTopology,
  QueueStats,
  type DeadLetter,
  type GatewayTopology,
} from '@pcms/messaging';
import { PeerInbox, PeerSender } from '@pcms/peer';
import { PlatformClient } from '@pcms/platform-client';
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
import { AMQP_URL, deleteTopology } from './broker';
import { expectEventually } from './expect-eventually';
import { uniqueNamespace } from './unique-namespace';

export const PROJECT_ROOT = join(__dirname, '..', '..');

export class GatewayHarness {
  private readonly apps = new Map<string, RunningApp>();
  private peerPort = 0;
  private peerInboxReader?: PeerInbox;
  private journalStore?: JournalStore;

  private constructor(
    readonly config: LoadedConfig,
    readonly pki: TestPki,
    readonly topology: GatewayTopology,
    readonly amqp: AmqpConnection,
    readonly stats: QueueStats,
  ) {}

  /** Builds an isolated configuration and PKI; starts nothing yet. */
  static async create(testFile: string, delivery = { attempts: 3, backoffMs: 100 }): Promise<GatewayHarness> {
    const namespace = uniqueNamespace(testFile);
    const dataDir = mkdtempSync(join(tmpdir(), 'pcms-e2e-'));
    const { pki } = writeTestPki(join(dataDir, 'pki'));
    const config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: {
        dataDir,
        autoInitPki: false,
        logLevel: (process.env.PCMS_TEST_LOG_LEVEL as LoadedConfig['logLevel'] | undefined) ?? 'silent',
        amqp: { namespace: namespace.replace(/[^a-z0-9._-]/g, '-').toLowerCase() },
        redis: { keyPrefix: `pcms-test:${namespace}` },
        i247Adapter: {
          http: { host: '127.0.0.1', port: 0 },
          delivery: { ...delivery, enabled: true, timeoutMs: 3000 },
        },
        peer: { http: { host: '127.0.0.1', port: 0 } },
        pcmsAdapter: { https: { enabled: true, http: { host: '127.0.0.1', port: 0 } } },
        observability: { enabled: true, ports: { pcmsAdapter: 0, router: 0, i247Adapter: 0, i247Peer: 0 } },
      },
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

  platform(id: PlatformId, credential = this.pki.credential(id)): PlatformClient {
    return new PlatformClient(id, credential, this.pki.ca.certificatePem, this.amqp, this.topology);
  }

  peerSender(credential = this.pki.peer): PeerSender {
    return new PeerSender({
      credential,
      caPem: this.pki.ca.certificatePem,
      gatewayUrl: this.config.peer.gatewayUrl,
      gatewayId: 'GATEWAY',
      timeoutMs: 5000,
    });
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

  /** Stops every app (each finishes its in-flight messages), then removes what the run created. */
  async stop(): Promise<void> {
    for (const app of [...this.apps.values()].reverse()) await app.close();
    this.apps.clear();
    await this.journalStore?.close();
    await this.amqp.close();
    await deleteTopology(this.topology.declaration);
    const redis = new Redis(this.config.redis.url);
    const keys = await redis.keys(`${this.config.redis.keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(this.config.paths.data, { recursive: true, force: true });
  }

  private withOverrides(patch: Record<string, unknown>): LoadedConfig {
    return loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: deepMerge(structuredClone(stripPaths(this.config)), patch),
    });
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
