// Issue 11, defect 12: a developer runs `npm test` while `npm start` runs. Nothing the test
// profile, the built-process suites or the in-process harness use may be the demo's: no port
// either listens on, no broker name (exchange, queue, connection), no Redis key, no folder.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { connectionNameIn, gatewayTopology } from '@pcms/messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { GatewayHarness } from '../support/gateway.harness';
import { harnessConfig, PROJECT_ROOT } from '../support/harness-config';

jest.setTimeout(120_000);

const MANAGEMENT_URL = process.env.PCMS_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';
const MANAGEMENT_AUTH = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
/** The broker connections the apps open: consumers (libs/runtime), publishers (each app's MessagingModule). */
const APP_CONNECTIONS_OPENED = [
  'pcms-pcms-adapter',
  'pcms-pcms-adapter-publisher',
  'pcms-router',
  'pcms-router-publisher',
  'pcms-i247-adapter',
  'pcms-i247-adapter-publisher',
  'pcms-journal-writer-batches',
];

interface Footprint {
  listens: number[];
  calls: number[];
  brokerNames: string[];
  redisPrefix: string;
  folders: string[];
}

/** What a process of this configuration takes on the machine, the broker and Redis. */
function footprint(config: LoadedConfig): Footprint {
  const port = (url: string) => Number(new URL(url).port);
  const topology = gatewayTopology(config.amqp.namespace).declaration;
  return {
    listens: [
      config.pcmsAdapter.https.http.port,
      config.i247Adapter.http.port,
      config.peer.http.port,
      config.judicialAdapter.http.port,
      ...Object.values(config.observability.ports),
    ].filter((listening) => listening !== 0),
    calls: [
      port(config.i247Adapter.peerUrl),
      port(config.peer.gatewayUrl),
      port(config.judicialAdapter.defaultEndpoint),
    ],
    brokerNames: [
      ...topology.exchanges.map((exchange) => exchange.name),
      ...topology.queues.map((queue) => queue.name),
      ...APP_CONNECTIONS_OPENED.map((name) => connectionNameIn(config.amqp.namespace, name)!),
    ],
    redisPrefix: config.redis.keyPrefix,
    folders: [config.paths.data, join(config.paths.data, config.journal.sqliteFile)],
  };
}

function expectApart(mine: Footprint, demo: Footprint): void {
  expect(mine.listens.filter((port) => demo.listens.includes(port))).toEqual([]);
  // A test's notices must never be delivered to the demo's peer, nor its inbound to the demo.
  expect(mine.calls.filter((port) => demo.listens.includes(port))).toEqual([]);
  expect(mine.brokerNames.filter((name) => demo.brokerNames.includes(name))).toEqual([]);
  // Keys are `<prefix>:<...>`: neither prefix may be the other's, nor one a namespace of the other.
  for (const [a, b] of [
    [mine.redisPrefix, demo.redisPrefix],
    [demo.redisPrefix, mine.redisPrefix],
  ]) {
    expect({ prefix: a, inside: b, shared: a === b || a.startsWith(`${b}:`) }).toMatchObject({
      shared: false,
    });
  }
  for (const folder of mine.folders) {
    for (const theirs of demo.folders) {
      const path = relative(theirs, folder);
      expect({ folder, theirs, nested: path === '' || !path.startsWith('..') }).toMatchObject({
        nested: false,
      });
    }
  }
}

describe('the test profile and harness beside a running demo', () => {
  const demo = footprint(loadConfig({ rootDir: PROJECT_ROOT, profile: 'demo', env: {} }));

  it('the test profile, as the built-process suites run it, shares nothing with the demo', () => {
    expectApart(footprint(loadConfig({ rootDir: PROJECT_ROOT, profile: 'test', env: {} })), demo);
  });

  it('the in-process harness shares nothing with the demo', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pcms-apart-'));
    try {
      expectApart(
        footprint(harnessConfig(__filename, { dataDir, delivery: { attempts: 3, backoffMs: 100 } })),
        demo,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a running harness names its broker connections apart from the demo processes', async () => {
    const harness = await GatewayHarness.create(__filename);
    try {
      await harness.startAll();
      const namespace = harness.config.amqp.namespace;
      // A test that closes "its" journal writer's connection by name must find its own, never the demo's.
      await expectEventually(
        async () =>
          expect(await connectionNames()).toEqual(
            expect.arrayContaining(APP_CONNECTIONS_OPENED.map((name) => connectionNameIn(namespace, name))),
          ),
        // The management API lists a connection on its next statistics tick (5 s by default).
        { timeoutMs: 20_000, intervalMs: 500 },
      );
    } finally {
      await harness.stop();
    }
  });
});

async function connectionNames(): Promise<string[]> {
  const response = await fetch(`${MANAGEMENT_URL}/api/connections`, {
    headers: { authorization: MANAGEMENT_AUTH },
  });
  const connections = (await response.json()) as { client_properties?: { connection_name?: string } }[];
  return connections.map((connection) => connection.client_properties?.connection_name ?? '');
}
