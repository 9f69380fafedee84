// The measures of one benchmark run, in order: the signing ceiling and the raw broker first (on an
// idle machine), then the gateway processes, in a burst (throughput) and paced (latency).
import type { LoadedConfig } from '@pcms/config';
import type { PartyId, PcmsEnvelope } from '@pcms/envelope';
import { initDevelopmentPki } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, type BenchResults } from './bench-results.writer';
import { measureCliStart } from './cli-start.bench';
import { runGatewayLoad, signedMessages, wireBytes } from './gateway-load.bench';
import { GATEWAY_APPS, peakMemoryOf, type GatewayProcessLauncher } from './gateway-process.launcher';
import { round, say } from './latency.stats';
import { measureRawBroker } from './raw-broker.bench';
import { measureSigningCeiling } from './signing-ceiling.bench';

const FIXTURE = 'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json';
const START_TIMEOUT_MS = 60_000;
const STALL_MS = 30_000;
const WARM_UP_MESSAGES = 300;

export interface SuiteOptions {
  messages: number;
  /** Submissions per second of the paced phase; half the burst throughput when absent. */
  rate?: number;
  /** Keep the fixture's recipients (INTERPOL and RP) instead of INTERPOL alone. */
  fanOut: boolean;
  signSeconds: number;
}

export async function runBenchSuite(
  options: SuiteOptions,
  config: LoadedConfig,
  launcher: GatewayProcessLauncher,
  projectRoot: string,
  env: NodeJS.ProcessEnv,
): Promise<BenchResults> {
  const machine = describeMachine();
  say(`PKI / ICP (development / de développement: ${config.paths.pki})`);
  const pki = initDevelopmentPki(config.paths.pki);
  const credential = pki.credential('NP-ML');
  const caPem = pki.caCertificatePem();
  const template = JSON.parse(readFileSync(join(projectRoot, FIXTURE), 'utf8')) as PcmsEnvelope;
  const recipients: PartyId[] = options.fanOut ? template.recipients : ['INTERPOL'];
  const [sample] = signedMessages(template, credential, 1, recipients);

  say('command line start / démarrage de la ligne de commande: pcms --help, pcms status');
  const cliStart = measureCliStart(projectRoot, env);
  say(`  --help ${cliStart.help.medianMs} ms, status ${cliStart.status.medianMs} ms (median / médiane)`);

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
  const pacedMessages = signedMessages(template, credential, options.messages, recipients);
  const warmUpMessages = signedMessages(template, credential, WARM_UP_MESSAGES, recipients);

  say(`starting / démarrage: ${GATEWAY_APPS.join(', ')} (profile bench, namespace ${config.amqp.namespace})`);
  await Promise.all(GATEWAY_APPS.map((app) => launcher.start(app, START_TIMEOUT_MS)));
  const load = { config, credential, caPem, stallMs: STALL_MS };
  const progress = (n: number) => say(`  in the delivery queue / dans la file de livraison: ${n}`);
  // Cold code (JIT, first connections and scripts) is not what the figures are about.
  say(
    `gateway / passerelle: warm-up / échauffement (${WARM_UP_MESSAGES} messages, not counted / non compté)`,
  );
  await runGatewayLoad({ ...load, messages: warmUpMessages, rate: 0 });
  const cpuBefore: Record<string, number> = { ...launcher.cpuTimeMs(), bench: benchCpuMs() };
  say('gateway / passerelle: burst / rafale (throughput / débit)');
  const gateway = await runGatewayLoad({ ...load, messages, rate: 0, onProgress: progress });
  const cpuAfter: Record<string, number> = { ...launcher.cpuTimeMs(), bench: benchCpuMs() };
  const cpuMsPerMessage = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, ms]) => [
      name,
      round((ms - (cpuBefore[name] ?? 0)) / messages.length, 2),
    ]),
  );
  // A burst's latency is mostly waiting in line; below saturation it is the pipeline's own.
  const rate = options.rate ?? Math.max(1, Math.round(gateway.throughputPerSecond / 2));
  say(`gateway / passerelle: paced / cadencé à ${rate} msg/s (latency / latence)`);
  const gatewayPaced = await runGatewayLoad({ ...load, messages: pacedMessages, rate, onProgress: progress });
  const peakMemoryKiB: Record<string, number> = { ...launcher.peakMemoryKiB(), bench: peakMemoryOf('self') };

  return {
    date: new Date().toISOString(),
    machine,
    node: process.versions.node,
    options: {
      messages: options.messages,
      warmUpMessages: WARM_UP_MESSAGES,
      rate,
      fanOut: options.fanOut,
      prefetch: config.amqp.prefetch,
    },
    messageBytes: wireBytes(sample),
    signing,
    rawBroker,
    gateway,
    gatewayPaced,
    peakMemoryKiB,
    cpuMsPerMessage,
    cliStart,
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
