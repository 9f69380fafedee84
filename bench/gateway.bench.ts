// npm run bench: in one run, the signing ceiling of this machine, the raw broker, and the gateway
// itself (pcms-adapter, router, i247-adapter as real processes) from submission to delivery queue.
import 'reflect-metadata';
import { loadConfig } from '@pcms/config';
import { gatewayTopology } from '@pcms/messaging';
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateReadmeSection, writeResults, type BenchResults } from './bench-results.writer';
import { deleteBrokerTopology, deleteRedisKeys } from './bench-resources.cleaner';
import { runBenchSuite, type SuiteOptions } from './bench-suite.runner';
import { GatewayProcessLauncher } from './gateway-process.launcher';
import { say } from './latency.stats';

const PROJECT_ROOT = join(__dirname, '..', '..');
const STOP_GRACE_MS = 10_000;

interface BenchOptions extends SuiteOptions {
  write: boolean;
}

async function main(options: BenchOptions): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-bench-'));
  const env = {
    PCMS_PROFILE: 'bench',
    PCMS_DATA_DIR: dataDir,
    PCMS_AMQP_NAMESPACE: `bench-${runId}.`,
    PCMS_REDIS_PREFIX: `pcms-bench:${runId}`,
  };
  const config = loadConfig({ rootDir: PROJECT_ROOT, env: { ...process.env, ...env } });
  const launcher = new GatewayProcessLauncher(PROJECT_ROOT, env);
  process.once('exit', () => launcher.killAllNow());
  const interrupted = new Promise<never>((_, reject) => {
    // The first signal cleans up; a second one ends the process the default way.
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      reject(new Error(`interrupted by / interrompu par ${signal}`));
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  let results: BenchResults;
  try {
    results = await Promise.race([runBenchSuite(options, config, launcher, PROJECT_ROOT, env), interrupted]);
  } finally {
    say('cleaning up / nettoyage: processes, queues, Redis keys, temp folder');
    await launcher.stopAll(STOP_GRACE_MS);
    await deleteBrokerTopology(config.amqp.url, gatewayTopology(config.amqp.namespace).declaration).catch(
      warn,
    );
    await deleteRedisKeys(config.redis.url, config.redis.keyPrefix).catch(warn);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const { gateway, gatewayPaced } = results;
  say(
    `gateway / passerelle: ${gateway.throughputPerSecond} msg/s (burst / rafale, p99 ${gateway.latency.p99Ms} ms)`,
  );
  say(
    `  paced / cadencé ${gatewayPaced.rate} msg/s: p50 ${gatewayPaced.latency.p50Ms} ms, p99 ${gatewayPaced.latency.p99Ms} ms`,
  );
  if (!options.write) return;
  const files = writeResults(join(PROJECT_ROOT, 'bench', 'results'), results);
  updateReadmeSection(join(PROJECT_ROOT, 'README.md'), results);
  say(`written / écrit: ${files.json}, ${files.markdown}, README.md (bench section / section bench)`);
}

function warn(error: unknown): void {
  say(
    `cleanup warning / avertissement de nettoyage: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function positive(kind: 'integer' | 'number') {
  return (value: string): number => {
    const parsed = Number(value);
    const ok =
      kind === 'integer' ? Number.isInteger(parsed) && parsed > 0 : Number.isFinite(parsed) && parsed > 0;
    if (!ok)
      throw new InvalidArgumentError(
        `expected a ${kind === 'integer' ? 'positive integer' : 'number > 0'} / attendu`,
      );
    return parsed;
  };
}

const program = new Command('npm run bench --')
  .description(
    [
      'EN: signing ceiling, raw RabbitMQ, then the gateway (three processes) from submission',
      '    to the delivery queue; writes bench/results/latest.{json,md} and the README section.',
      'FR: plafond de signature, RabbitMQ brut, puis la passerelle (trois processus) de la',
      '    soumission à la file de livraison ; écrit bench/results/ et la section du README.',
    ].join('\n'),
  )
  .configureHelp({ helpWidth: 110 })
  .option('-n, --messages <count>', 'messages per run / messages par essai', positive('integer'), 2000)
  .option(
    '--rate <perSecond>',
    'rate of the paced phase (default: half the burst throughput) / cadence de la phase cadencée',
    positive('number'),
  )
  .option(
    '--fan-out',
    "keep the fixture's recipients INTERPOL + RP (a 2nd signature) / garder INTERPOL + RP",
    false,
  )
  .option(
    '--sign-seconds <seconds>',
    'duration of each signing measure / durée de chaque mesure',
    positive('number'),
    2,
  )
  .option('--no-write', 'print only, write no file / afficher seulement, sans écrire')
  .action(async (options: BenchOptions) => {
    try {
      await main(options);
    } catch (error: unknown) {
      process.stderr.write(
        `[bench] FAILED / ÉCHEC: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
    // An interrupted measure may still hold timers and connections: they must not keep us alive.
    process.exit();
  });

void program.parseAsync(process.argv);
