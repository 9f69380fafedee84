// A national platform's system as its own process, for the SIGKILL tests: it reads its queue with
// the platform client and a store file, writes one JSON line per handler call, and kills itself
// with SIGKILL at the point PCMS_TEST_KILL names, once, for the message PCMS_TEST_KILL_ID.
// With PCMS_TEST_APPLY_ONCE=1 its handler keeps its effect (a row in `notices`) in the store's file,
// applied with the id in one transaction. On SIGTERM it stops cleanly and writes its counters.
import Database from 'better-sqlite3';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { HandledMessageStore, PlatformClient } from '@pcms/platform-client';
import { PkiStore } from '@pcms/trust';

type KillPoint = 'after-handler' | 'after-record' | 'never';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const killAt = (process.env.PCMS_TEST_KILL ?? 'never') as KillPoint;
  const killId = process.env.PCMS_TEST_KILL_ID;
  const say = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: SIGKILL is not delivered');
  };

  const pki = PkiStore.open(env('PCMS_TEST_PKI_DIR'));
  const platform = 'NP-BF';
  const amqp = await AmqpConnection.connect(env('PCMS_TEST_AMQP_URL'), {
    prefetch: 1,
    connectionName: `pcms-test-platform-process@${env('PCMS_TEST_NAMESPACE')}`,
  });
  const storeFile = env('PCMS_TEST_STORE_FILE');
  const applyOnce = process.env.PCMS_TEST_APPLY_ONCE === '1';
  const store = HandledMessageStore.open(storeFile);
  const own = new Database(storeFile);
  own.exec('create table if not exists notices (id text not null)');
  own.close();
  const record = store.markHandled.bind(store);
  // The instant after the id is committed and before the broker hears the ack.
  store.markHandled = (messageId, handledAt) => {
    const recorded = record(messageId, handledAt);
    if (killAt === 'after-record' && messageId === killId) die();
    return recorded;
  };
  const client = new PlatformClient(
    platform,
    pki.credential(platform),
    pki.caCertificatePem(),
    amqp,
    gatewayTopology(env('PCMS_TEST_NAMESPACE')),
  );
  const consumer = await client.consume({
    store,
    handler: ({ envelope }) => {
      say({ event: 'call', id: envelope.id });
      if (applyOnce) {
        store.applyOnce(envelope.id, (db) =>
          db.prepare('insert into notices (id) values (?)').run(envelope.id),
        );
      }
      // The instant after the platform's own work is done and before its id is recorded.
      if (killAt === 'after-handler' && envelope.id === killId) die();
    },
  });
  say({ event: 'ready' });
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await amqp.close();
      store.close();
      say({ event: 'stopped', counters: consumer.counters });
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
