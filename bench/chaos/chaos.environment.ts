// Everything a chaos run owns, made at its start and removed at its end: a root whose `chaos`
// profile is the test profile on ports of its own (instance k: + (k-1)×10) with the delivery patience
// of a peer outage, a data folder (PKI with two operators, peer inbox, the platforms' stores, logs),
// a PostgreSQL database for the journal and holds, its own AMQP namespace and Redis prefix.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { gatewayTopology, type Topology } from '@pcms/messaging';
import { initDevelopmentPki, issuePartyCertificate, type Credential, type PkiStore } from '@pcms/trust';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseDocument } from 'yaml';
import { deleteRedisKeys } from '../bench-resources.cleaner';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const CHAOS_PROFILE = 'chaos';
export const OPERATORS = ['CHAOS-OPS-A', 'CHAOS-OPS-B'] as const;

export interface ChaosEnvironmentOptions {
  projectRoot: string;
  runId: string;
  brokerUrls: readonly string[];
  /** First of the run's ports: pcms-adapter door, i247-adapter door, peer (instance 2 on + 10). */
  basePort: number;
}

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export class ChaosEnvironment {
  private constructor(
    readonly root: string,
    readonly dataDir: string,
    readonly database: string,
    readonly env: Record<string, string>,
    readonly config: LoadedConfig,
    readonly pki: PkiStore,
    readonly operators: { id: string; credential: Credential }[],
  ) {}

  static async create(options: ChaosEnvironmentOptions): Promise<ChaosEnvironment> {
    const root = mkdtempSync(join(tmpdir(), 'pcms-chaos-root-'));
    const dataDir = join(root, 'data');
    mkdirSync(join(root, 'config'));
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    for (const file of readdirSync(join(options.projectRoot, 'config'))) {
      symlinkSync(join(options.projectRoot, 'config', file), join(root, 'config', file));
    }
    symlinkSync(join(options.projectRoot, 'mappings'), join(root, 'mappings'));
    writeFileSync(join(root, 'config', `${CHAOS_PROFILE}.yaml`), chaosProfile(options));

    const database = `chaos_${options.runId}`;
    await admin(`create database ${database}`);
    const env = {
      PCMS_ROOT: root,
      PCMS_PROFILE: CHAOS_PROFILE,
      PCMS_DATA_DIR: dataDir,
      PCMS_LOG_LEVEL: 'warn',
      PCMS_AMQP_URLS: options.brokerUrls.join(','),
      PCMS_AMQP_NAMESPACE: `chaos-${options.runId}.`,
      PCMS_REDIS_PREFIX: `pcms-chaos:${options.runId}`,
      PCMS_JOURNAL_DRIVER: 'postgres',
      PCMS_JOURNAL_POSTGRES_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    };
    const config = loadConfig({ rootDir: root, env: { ...process.env, ...env } });
    const pki = initDevelopmentPki(config.paths.pki);
    const operators = OPERATORS.map((id) => ({
      id,
      credential: issuePartyCertificate(pki, { id, role: 'operator' }),
    }));
    return new ChaosEnvironment(root, dataDir, database, env, config, pki, operators);
  }

  get logDir(): string {
    return join(this.dataDir, 'logs');
  }

  /** The peer doors of both i247-adapter instances (instance 2 listens on + 10). */
  peerDoors(instances: number): { url: string; timeoutMs: number }[] {
    const url = new URL(this.config.peer.gatewayUrl);
    return Array.from({ length: instances }, (_, k) => {
      const door = new URL(url);
      door.port = String(Number(url.port) + k * 10);
      return { url: door.toString(), timeoutMs: this.config.i247Adapter.delivery.timeoutMs };
    });
  }

  /** Queues, exchanges, Redis keys, the database and the folders; `keepData` leaves the folder (logs). */
  async remove(keepData: boolean, warn: (line: string) => void): Promise<void> {
    const { amqp, redis } = this.config;
    await deleteThroughManagement(gatewayTopology(amqp.namespace, amqp.retry).declaration, warn);
    await deleteRedisKeys(redis.url, redis.keyPrefix).catch((error: unknown) =>
      warn(`Redis: ${String(error)}`),
    );
    await admin(`drop database if exists ${this.database} with (force)`).catch((error: unknown) =>
      warn(`PostgreSQL: ${String(error)}`),
    );
    if (!keepData) rmSync(this.root, { recursive: true, force: true });
  }
}

const MANAGEMENT_URL = 'http://127.0.0.1:15672/api';
const MANAGEMENT_AUTH = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

/**
 * The run's queues and exchanges, deleted through the default node's management API, each request
 * bounded: an AMQP queue.delete was seen to hang without an answer after a run on the cluster.
 */
async function deleteThroughManagement(topology: Topology, warn: (line: string) => void): Promise<void> {
  const remove = async (kind: 'queues' | 'exchanges', name: string) => {
    try {
      const response = await fetch(`${MANAGEMENT_URL}/${kind}/%2F/${encodeURIComponent(name)}`, {
        method: 'DELETE',
        headers: { authorization: MANAGEMENT_AUTH },
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok && response.status !== 404) warn(`${kind} ${name}: ${response.status}`);
    } catch (error: unknown) {
      warn(`${kind} ${name}: ${String(error)}`);
    }
  };
  for (const queue of topology.queues) await remove('queues', queue.name);
  for (const exchange of topology.exchanges) await remove('exchanges', exchange.name);
}

/** The test profile, on the run's ports, with a delivery patience longer than the peer outage. */
function chaosProfile({ projectRoot, basePort }: ChaosEnvironmentOptions): string {
  const profile = parseDocument(readFileSync(join(projectRoot, 'config', 'test.yaml'), 'utf8'));
  const [adapter, gateway, peer] = [basePort, basePort + 1, basePort + 2];
  profile.set('logLevel', 'warn');
  profile.setIn(['pcmsAdapter', 'https', 'http', 'port'], adapter);
  profile.setIn(['i247Adapter', 'http', 'port'], gateway);
  profile.setIn(['i247Adapter', 'peerUrl'], `https://127.0.0.1:${peer}/notices`);
  // 8 attempts, 1 s doubling: about 4 minutes of patience (plus 5 s per timed-out attempt).
  profile.setIn(['i247Adapter', 'delivery', 'attempts'], 8);
  profile.setIn(['i247Adapter', 'delivery', 'backoffMs'], 1000);
  profile.setIn(['i247Adapter', 'delivery', 'timeoutMs'], 5000);
  profile.setIn(['peer', 'http', 'port'], peer);
  profile.setIn(['peer', 'gatewayUrl'], `https://127.0.0.1:${gateway}/inbound/notices`);
  profile.setIn(['judicialAdapter', 'enabled'], false);
  profile.setIn(['console', 'enabled'], false);
  profile.setIn(['holds', 'tickSeconds'], 1);
  return `# Written by the chaos run (bench/chaos): the test profile on the run's own ports.\n${profile.toString()}`;
}
