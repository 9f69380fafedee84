// npm run bench: in one run, the signing ceiling of this machine, the raw broker, and the gateway
// itself (pcms-adapter, router, i247-adapter as real processes) from submission to delivery queue.
import 'reflect-metadata';
import { loadConfig } from '@pcms/config';
import type { PartyId, PcmsEnvelope } from '@pcms/envelope';
import { gatewayTopology } from '@pcms/messaging';
import { initDevelopmentPki } from '@pcms/trust';
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeMachine,
  updateReadmeSection,
  writeResults,
  type BenchResults,
} from './bench-results.writer';
import { deleteBrokerTopology, deleteRedisKeys } from './bench-resources.cleaner';
import { runGatewayLoad, signedMessages, wireBytes } from './gateway-load.bench';
import { GATEWAY_APPS, GatewayProcessLauncher, peakMemoryOf } from './gateway-process.launcher';
import { round, say } from './latency.stats';
import { measureRawBroker } from './raw-broker.bench';
import { measureSigningCeiling } from './signing-ceiling.bench';

const PROJECT_ROOT = join(__dirname, '..', '..');
const FIXTURE = 'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const STALL_MS = 30_000;

interface BenchOptions {
  messages: number;
  rate: number;
  fanOut: boolean;
  signSeconds: number;
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
    results = await Promise.race([measureAll(options, config, launcher, dataDir), interrupted]);
  } finally {
    say('cleaning up / nettoyage: processes, queues, Redis keys, temp folder');
    await launcher.stopAll(STOP_GRACE_MS);
    await deleteBrokerTopology(config.amqp.url, gatewayTopology(config.amqp.namespace).declaration).catch(
      warn,
    );
    await deleteRedisKeys(config.redis.url, config.redis.keyPrefix).catch(warn);
    rmSync(dataDir, { recursive: true, force: true });
  }
  say(
    `gateway / passerelle: ${results.gateway.throughputPerSecond} msg/s, p50 ${results.gateway.latency.p50Ms} ms, p99 ${results.gateway.latency.p99Ms} ms`,
  );
  if (!options.write) return;
  const files = writeResults(join(PROJECT_ROOT, 'bench', 'results'), results);
  updateReadmeSection(join(PROJECT_ROOT, 'README.md'), results);
  say(`written / écrit: ${files.json}, ${files.markdown}, README.md (bench section / section bench)`);
}

async function measureAll(
  options: BenchOptions,
  config: ReturnType<typeof loadConfig>,
  launcher: GatewayProcessLauncher,
  dataDir: string,
): Promise<BenchResults> {
  const machine = describeMachine();
  say(`PKI / ICP (development, in ${dataDir})`);
  const pki = initDevelopmentPki(config.paths.pki);
  const credential = pki.credential('NP-ML');
  const caPem = pki.caCertificatePem();
  const template = JSON.parse(readFileSync(join(PROJECT_ROOT, FIXTURE), 'utf8')) as PcmsEnvelope;
  const recipients: PartyId[] = options.fanOut ? template.recipients : ['INTERPOL'];
  const [sample] = signedMessages(template, credential, 1, recipients);

  say(`signing ceiling / plafond de signature (${options.signSeconds} s each / chacun)`);
  const signing = measureSigningCeiling(credential, caPem, sample.body, options.signSeconds);
  say(
    `  crypto.sign ${signing.nodeSignPerSecond}/s, CmsSigner.sign ${signing.cmsSignPerSecond}/s, verify ${signing.cmsVerifyPerSecond}/s`,
  );

  say(`raw broker / courtier brut: ${options.messages} messages of / de ${wireBytes(sample)} B`);
  const rawBroker = await measureRawBroker({
    url: config.amqp.url,
    namespace: config.amqp.namespace,
    messages: options.messages,
    body: sample.body,
    headers: { 'pcms-signature': sample.signature.toString('base64') },
    prefetch: config.amqp.prefetch,
    stallMs: STALL_MS,
    onProgress: (n) => say(`  consumed / consommés: ${n}`),
  });
  say(
    `  ${rawBroker.throughputPerSecond} msg/s, p50 ${rawBroker.latency.p50Ms} ms, p99 ${rawBroker.latency.p99Ms} ms`,
  );

  say(`signing / signature de ${options.messages} person.wanted (NP-ML → ${recipients.join(', ')})`);
  const messages = signedMessages(template, credential, options.messages, recipients);

  say(`starting / démarrage: ${GATEWAY_APPS.join(', ')} (profile bench, namespace ${config.amqp.namespace})`);
  await Promise.all(GATEWAY_APPS.map((app) => launcher.start(app, START_TIMEOUT_MS)));
  const cpuBefore = { ...launcher.cpuTimeMs(), bench: benchCpuMs() };
  say(
    `gateway / passerelle: submitting / soumission (${options.rate > 0 ? `${options.rate} msg/s` : 'burst / rafale'})`,
  );
  const gateway = await runGatewayLoad({
    config,
    credential,
    caPem,
    messages,
    rate: options.rate,
    stallMs: STALL_MS,
    onProgress: (n) => say(`  in the delivery queue / dans la file de livraison: ${n}`),
  });
  const peakMemoryKiB: Record<string, number> = { ...launcher.peakMemoryKiB(), bench: peakMemoryOf('self') };
  const cpuAfter: Record<string, number> = { ...launcher.cpuTimeMs(), bench: benchCpuMs() };
  const cpuMsPerMessage = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, ms]) => [
      name,
      round((ms - (cpuBefore[name as keyof typeof cpuBefore] ?? 0)) / messages.length, 2),
    ]),
  );

  return {
    date: new Date().toISOString(),
    machine,
    node: process.versions.node,
    options: {
      messages: options.messages,
      rate: options.rate,
      fanOut: options.fanOut,
      prefetch: config.amqp.prefetch,
    },
    messageBytes: wireBytes(sample),
    signing,
    rawBroker,
    gateway,
    peakMemoryKiB,
    cpuMsPerMessage,
    ratios: {
      gatewayOverRawBroker: round(gateway.throughputPerSecond / rawBroker.throughputPerSecond, 4),
      gatewayOverCmsSign: round(gateway.throughputPerSecond / signing.cmsSignPerSecond, 4),
      gatewayOverCmsVerify: round(gateway.throughputPerSecond / signing.cmsVerifyPerSecond, 4),
    },
  };
}

function benchCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
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
      kind === 'integer' ? Number.isInteger(parsed) && parsed > 0 : Number.isFinite(parsed) && parsed >= 0;
    if (!ok)
      throw new InvalidArgumentError(
        `expected a ${kind === 'integer' ? 'positive integer' : 'number ≥ 0'} / attendu`,
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
    'pace submissions; 0 = burst / cadence des soumissions ; 0 = rafale',
    positive('number'),
    0,
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
