// Issue 12, build item 3: what a SIGKILL of the platform's own process does to "once". The
// platform runs as a child process (platform.process.ts) that kills itself at a chosen instant;
// a second process on the same store file then reads what the broker gives again. Handler calls
// are counted across both processes from their output, and a barrier closes each run.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import type { PlatformCounters } from '@pcms/platform-client';
import { CmsSigner } from '@pcms/trust';
import { writeTestPki } from '@pcms/trust/testing';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { uniqueNamespace } from '../support/unique-namespace';

jest.setTimeout(60_000);

const topology = gatewayTopology(uniqueNamespace(__filename));
const dataDir = mkdtempSync(join(tmpdir(), 'pcms-platform-kill-'));
const { directory: pkiDir, pki } = writeTestPki(join(dataDir, 'pki'));
const gatewaySigner = new CmsSigner(pki.gateway);

interface PlatformProcess {
  readonly calls: string[];
  readonly ready: Promise<void>;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  readonly stopped: Promise<PlatformCounters>;
  readonly child: ChildProcess;
}

function startPlatformProcess(
  storeFile: string,
  kill: { at: string; id: string } | undefined,
  applyOnce: boolean,
): PlatformProcess {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'run-ts.js'), join(__dirname, 'platform.process.ts')],
    {
      env: {
        ...process.env,
        PCMS_TEST_AMQP_URL: AMQP_URL,
        PCMS_TEST_NAMESPACE: topology.exchanges.bus.name.replace(/pcms\.bus$/, ''),
        PCMS_TEST_PKI_DIR: pkiDir,
        PCMS_TEST_STORE_FILE: storeFile,
        PCMS_TEST_KILL: kill?.at ?? 'never',
        PCMS_TEST_KILL_ID: kill?.id ?? '',
        PCMS_TEST_APPLY_ONCE: applyOnce ? '1' : '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const calls: string[] = [];
  let ready!: () => void;
  let stopped!: (counters: PlatformCounters) => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const stoppedWith = new Promise<PlatformCounters>((resolve) => (stopped = resolve));
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as { event: string; id?: string; counters?: PlatformCounters };
      if (event.event === 'call' && event.id) calls.push(event.id);
      if (event.event === 'ready') ready();
      if (event.event === 'stopped' && event.counters) stopped(event.counters);
    }
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { calls, ready: isReady, exited, stopped: stoppedWith, child };
}

describe('a platform process killed while it reads its queue', () => {
  let gatewaySide: AmqpConnection;

  beforeAll(async () => {
    gatewaySide = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: `pcms-test-gateway-side@${topology.exchanges.bus.name}`,
      logger: recordingLogger(),
    });
  });

  afterAll(async () => {
    await gatewaySide.close();
    await deleteTopology(topology.declaration);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function publishAsGateway(envelope: PcmsEnvelope): Promise<void> {
    const body = canonicalBytes(envelope);
    await gatewaySide.publish(topology.routes.platform('NP-BF'), body, {
      messageId: envelope.id,
      headers: { 'pcms-signature': gatewaySigner.sign(body).toString('base64') },
    });
  }

  /** Kills the first process at `at` while it takes `message`, then runs a second to a barrier. */
  async function killThenRestart(
    at: string,
    applyOnce = false,
  ): Promise<{ calls: string[]; after: PlatformCounters; storeFile: string }> {
    const storeFile = join(dataDir, `${at}-${applyOnce ? 'apply-once' : 'plain'}.sqlite`);
    const message = personWanted();
    const first = startPlatformProcess(storeFile, { at, id: message.id }, applyOnce);
    await publishAsGateway(message);
    expect(await first.exited).toBe('SIGKILL');

    const second = startPlatformProcess(storeFile, undefined, applyOnce);
    await second.ready;
    const barrier = personWanted();
    await publishAsGateway(barrier);
    await expectEventually(() => expect(second.calls).toContain(barrier.id), { timeoutMs: 20_000 });
    second.child.kill('SIGTERM');
    const after = await second.stopped;
    return { calls: [...first.calls, ...second.calls].filter((id) => id !== barrier.id), after, storeFile };
  }

  it('killed after the id is recorded and before the ack: the copy the broker gives again is dropped', async () => {
    const { calls, after } = await killThenRestart('after-record');

    expect(calls).toHaveLength(1);
    expect(after).toMatchObject({ received: 2, duplicatesDropped: 1, handled: 1 });
  });

  it('killed after the handler and before the id is recorded: the handler sees the message twice (the window it cannot close)', async () => {
    const { calls, after } = await killThenRestart('after-handler');

    expect(calls).toHaveLength(2);
    expect(new Set(calls).size).toBe(1);
    expect(after).toMatchObject({ received: 2, duplicatesDropped: 0, handled: 2 });
  });

  it('killed at the same instant, a handler whose effect is applied with the id (applyOnce) keeps it once', async () => {
    const { calls, after, storeFile } = await killThenRestart('after-handler', true);

    expect(calls).toHaveLength(1);
    expect(after).toMatchObject({ received: 2, duplicatesDropped: 1, handled: 1 });
    const database = new Database(storeFile, { readonly: true });
    const rows = database.prepare('select id from notices').all() as { id: string }[];
    database.close();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.id)).size).toBe(2);
  });
});
