// A gateway app (router or pcms-adapter) as a process of its own, for the SIGKILL tests of issue 12
// (test/hop-kill): started from the harness's configuration (a JSON file), it kills itself with
// SIGKILL at the instant PCMS_TEST_KILL names, once, for the message PCMS_TEST_KILL_ID:
// - `before-ack`: the consumer of queue PCMS_TEST_KILL_AT has done everything with the message
//   (forwarded, confirmed, recorded, journaled) and returns its outcome; the broker never hears the ack;
// - `after-confirm`: the broker confirmed the publish of the message to routing key
//   PCMS_TEST_KILL_AT; nothing after that confirm has run for that route.
// The hooks wrap the real objects of this process only; the app's code is the production code.
// It also writes, for every route recorded in a RouteLedger, how long the publish took to be
// confirmed and how long after its confirm the route was recorded: the window a death cannot close.
import { RouteLedger } from '@pcms/dedupe';
import { AmqpConnection } from '@pcms/messaging';
import type { RunningApp } from '@pcms/runtime';
import { readFileSync } from 'node:fs';
import { startPcmsAdapter } from '../../apps/pcms-adapter/src/pcms-adapter.app';
import { startRouter } from '../../apps/router/src/router.app';
import { harnessProfile } from '../support/harness-config';

type KillPoint = 'before-ack' | 'after-confirm' | 'never';

const say = (line: Record<string, unknown>): void =>
  void process.stdout.write(`PCMS-TEST ${JSON.stringify(line)}\n`);

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL is not delivered');
}

function installKillHook(killAt: KillPoint, where: string | undefined, killId: string | undefined): void {
  const publish = AmqpConnection.prototype.publish;
  const consume = AmqpConnection.prototype.consume;
  const confirm = RouteLedger.prototype.confirm;
  const confirmedAt = new Map<string, { started: number; confirmed: number }>();

  AmqpConnection.prototype.publish = async function hookedPublish(
    this: AmqpConnection,
    route,
    body,
    options,
  ) {
    const started = performance.now();
    await publish.call(this, route, body, options);
    if (options.messageId) {
      confirmedAt.set(`${options.messageId}|${route.routingKey}`, { started, confirmed: performance.now() });
    }
    if (killAt === 'after-confirm' && route.routingKey === where && options.messageId === killId) die();
  };

  AmqpConnection.prototype.consume = function hookedConsume(this: AmqpConnection, queue, handler, options) {
    if (killAt !== 'before-ack' || queue !== where) return consume.call(this, queue, handler, options);
    return consume.call(
      this,
      queue,
      async (message) => {
        const outcome = await handler(message);
        if (message.messageId === killId) die();
        return outcome;
      },
      options,
    );
  };

  RouteLedger.prototype.confirm = async function timedConfirm(this: RouteLedger, messageId, route) {
    await confirm.call(this, messageId, route);
    const publishTimes = confirmedAt.get(`${messageId}|${route}`);
    if (!publishTimes) return;
    say({
      event: 'window',
      publishToConfirmMs: publishTimes.confirmed - publishTimes.started,
      confirmToRecordMs: performance.now() - publishTimes.confirmed,
    });
  };
}

async function main(): Promise<void> {
  const app = process.env.PCMS_TEST_APP;
  const configFile = process.env.PCMS_TEST_CONFIG_FILE;
  if (!configFile || (app !== 'router' && app !== 'pcms-adapter')) {
    throw new Error('PCMS_TEST_APP (router or pcms-adapter) and PCMS_TEST_CONFIG_FILE must be set');
  }
  installKillHook(
    (process.env.PCMS_TEST_KILL ?? 'never') as KillPoint,
    process.env.PCMS_TEST_KILL_AT,
    process.env.PCMS_TEST_KILL_ID,
  );
  const config = harnessProfile(JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>);
  const running: RunningApp = app === 'router' ? await startRouter(config) : await startPcmsAdapter(config);
  say({ event: 'ready', url: running.url });
  // SIGTERM is the app's own clean shutdown (enableCleanShutdown): it finishes what it holds, exits 0.
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
