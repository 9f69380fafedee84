// Issue 6: "a process killed while messages flow: after restart the journal has every stage of
// every message that the broker confirmed, and the hash chain verifies". The compiled apps run as
// child processes; the journal writer, then the pcms-adapter, are SIGKILLed mid-flow and restarted.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { journalStoreFromConfig, type JournalStore } from '@pcms/journal';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { PlatformClient } from '@pcms/platform-client';
import { PkiStore } from '@pcms/trust';
import { Redis } from 'ioredis';
import { AMQP_URL, deleteTopology } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { BuiltApp, buildInto, PROFILE, removeRoot, temporaryRoot } from './built-processes';

jest.setTimeout(420_000);

const APPS = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter', 'i247-peer'] as const;
const OUTBOUND_STAGES = ['received', 'verified', 'policy', 'routed', 'mapped', 'signed', 'delivered'];
const MESSAGES = 30;

describe('the journal when processes are killed mid-flow', () => {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-kill-'));
  const root = temporaryRoot({ adapter: 28444, gateway: 28443, peer: 29443 });
  const env = {
    ...process.env,
    PCMS_ROOT: root,
    PCMS_PROFILE: PROFILE,
    PCMS_LOG_LEVEL: 'info',
    PCMS_DATA_DIR: dataDir,
    PCMS_AMQP_NAMESPACE: `t-kill-${suffix}.`,
    PCMS_REDIS_PREFIX: `pcms-test:kill-${suffix}`,
  };
  const config: LoadedConfig = loadConfig({ rootDir: root, env });
  const apps = new Map<string, BuiltApp>();
  let amqp: AmqpConnection;
  let journal: JournalStore | undefined;

  beforeAll(async () => {
    const out = buildInto();
    execFileSync('node', [join(out, 'apps/cli/src/main.js'), 'pki', 'init'], {
      cwd: root,
      env,
      stdio: 'pipe',
    });
    for (const name of APPS) {
      const app = new BuiltApp(name, out, root, env);
      apps.set(name, app);
      await app.start();
    }
    amqp = await AmqpConnection.connect(AMQP_URL, {
      topology: gatewayTopology(config.amqp.namespace).declaration,
      connectionName: 'pcms-test-kill',
    });
  });

  afterAll(async () => {
    for (const app of apps.values()) await app.kill();
    await journal?.close();
    await amqp?.close();
    await deleteTopology(gatewayTopology(config.amqp.namespace).declaration);
    const redis = new Redis(config.redis.url);
    const keys = await redis.keys(`${config.redis.keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
    removeRoot(root);
  });

  it('journals every stage of every confirmed message, and the chain verifies', async () => {
    const pki = PkiStore.open(config.paths.pki);
    const platform = new PlatformClient(
      'NP-ML',
      pki.credential('NP-ML'),
      pki.caCertificatePem(),
      amqp,
      gatewayTopology(config.amqp.namespace),
    );
    const app = (name: string) => apps.get(name) as BuiltApp;
    const confirmed: string[] = [];

    for (let index = 0; index < MESSAGES; index += 1) {
      const message = personWanted({ recipients: ['INTERPOL'] });
      await platform.submit(message); // resolves once the broker confirmed it
      confirmed.push(message.id);
      if (index === 6) await app('journal-writer').kill();
      if (index === 12) await app('journal-writer').start();
      if (index === 16) await app('pcms-adapter').kill();
      if (index === 22) await app('pcms-adapter').start();
      if (index === 25) await app('journal-writer').kill();
      if (index === 27) await app('journal-writer').start();
    }

    journal = await journalStoreFromConfig(config);
    const store = journal;
    // A claim left by the killed adapter protects its message for the dedupe lease (60 s).
    for (const messageId of confirmed) {
      await expectEventually(
        async () => {
          // A message redelivered after its ack was lost adds a `deduplicated` entry; nothing else may differ.
          const stages = (await store.trace(messageId)).map((e) => e.stage);
          expect(stages).toEqual(expect.arrayContaining(OUTBOUND_STAGES));
          expect(stages.filter((stage) => !OUTBOUND_STAGES.includes(stage))).toEqual(
            stages.filter((stage) => stage === 'deduplicated'),
          );
        },
        { timeoutMs: 150_000, intervalMs: 500 },
      );
    }
    const verdict = await store.verifyChain();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.entries).toBeGreaterThanOrEqual(MESSAGES * OUTBOUND_STAGES.length);
    expect(app('journal-writer').log).not.toMatch(/JOURNAL_WRITE_FAILED/);
  });
});
