// The results of one run: JSON for machines, a Markdown table for people, and the README's section
// between its markers (nothing else of the README is touched).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { CliStartResult } from './cli-start.bench';
import { round } from './latency.stats';
import type { GatewayLoadResult } from './gateway-load.bench';
import type { RawBrokerResult } from './raw-broker.bench';
import type { SigningCeiling } from './signing-ceiling.bench';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export interface BenchResults {
  date: string;
  machine: { cpuModel: string; cpuCount: number; memoryMiB: number; os: string; loadAverage1m: number };
  node: string;
  options: { messages: number; warmUpMessages: number; rate: number; fanOut: boolean; prefetch: number };
  messageBytes: number;
  signing: SigningCeiling;
  rawBroker: RawBrokerResult;
  /** Everything submitted at once: the throughput. */
  gateway: GatewayLoadResult;
  /** Submitted at a steady rate below saturation: the latency. */
  gatewayPaced: GatewayLoadResult;
  /** VmHWM (peak resident set) in KiB. */
  peakMemoryKiB: Record<string, number>;
  /** CPU time (user + system) per message during the gateway measure, per process. */
  cpuMsPerMessage: Record<string, number>;
  /** Wall time of the `pcms` executable, spawned as a process; absent from runs made before it. */
  cliStart?: CliStartResult;
  ratios: { gatewayOverRawBroker: number; gatewayOverCmsSign: number; gatewayOverCmsVerify: number };
}

export function describeMachine(): BenchResults['machine'] {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpuCount: cores.length,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    os: `${platform()} ${release()}`,
    // Other work on the machine lowers every figure: the load when the run started says how much.
    loadAverage1m: round(loadavg()[0], 2),
  };
}

export function renderMarkdown(results: BenchResults): string {
  const { signing, rawBroker, gateway, gatewayPaced, ratios } = results;
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
  const mib = (kib: number | undefined) => (kib ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a');
  const latency = (l: { p50Ms: number; p95Ms: number; p99Ms: number }, mark = '') =>
    [l.p50Ms, l.p95Ms, l.p99Ms].map((ms) => `${mark}${ms}${mark}`);
  const memory = Object.entries(results.peakMemoryKiB)
    .map(([name, kib]) => `${name} ${mib(kib)}`)
    .join(', ');
  const gatewayCpu = round(
    Object.entries(results.cpuMsPerMessage).reduce(
      (sum, [name, ms]) => (name === 'bench' ? sum : sum + ms),
      0,
    ),
    2,
  );
  const cpuBound = gatewayCpu > 0 ? Math.round((results.machine.cpuCount * 1000) / gatewayCpu) : 0;
  const signMs = round(1000 / signing.cmsSignPerSecond, 2);
  const cpu = Object.entries(results.cpuMsPerMessage)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
  return [
    `Run of ${results.date.slice(0, 10)}: ${results.options.messages} messages of ${results.messageBytes} bytes ` +
      `${results.options.fanOut ? '(to INTERPOL and RP)' : '(to INTERPOL)'}, ${results.machine.cpuCount} × ${results.machine.cpuModel}, Node ${results.node}, ` +
      `RabbitMQ and Redis on the same machine, load average ${results.machine.loadAverage1m} at start.`,
    '',
    ...alignedTable(
      ['measure / mesure', 'rate / débit (per s)', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        [`RSA-2048 \`crypto.sign\` (${signing.contentBytes} B)`, `${signing.nodeSignPerSecond}`, '', '', ''],
        ['`CmsSigner.sign` (detached CMS)', `${signing.cmsSignPerSecond}`, '', '', ''],
        ['`SignatureVerifier.verify`', `${signing.cmsVerifyPerSecond}`, '', '', ''],
        [
          `raw broker / courtier brut: publish (confirm) → consume (ack), prefetch ${rawBroker.prefetch}`,
          `${rawBroker.throughputPerSecond}`,
          ...latency(rawBroker.latency),
        ],
        [
          'gateway / passerelle, burst / rafale: submit → notice signed, in the delivery queue',
          `**${gateway.throughputPerSecond}**`,
          ...latency(gateway.latency),
        ],
        [
          `gateway / passerelle, paced / cadencé at ${gatewayPaced.rate} msg/s: the same`,
          `${gatewayPaced.throughputPerSecond}`,
          ...latency(gatewayPaced.latency, '**'),
        ],
      ],
    ),
    '',
    `- Burst: N messages submitted at once (after ${results.options.warmUpMessages} uncounted warm-up ` +
      'messages), so its latency is mostly waiting in line; the paced phase (half the burst throughput ' +
      'unless `--rate`) shows the latency below saturation.',
    `- Gateway / raw broker: **${percent(ratios.gatewayOverRawBroker)}** (each message makes three ` +
      'broker hops in the gateway: submission, router, I-24/7 adapter).',
    `- Gateway / signing ceiling: **${percent(ratios.gatewayOverCmsSign)}** of \`CmsSigner.sign\`, ` +
      `${percent(ratios.gatewayOverCmsVerify)} of \`SignatureVerifier.verify\` (one signature and one verification per message).`,
    `- Peak memory / mémoire maximale (VmHWM): ${memory}.`,
    `- CPU per message / CPU par message (burst): ${cpu}. The three apps together use ${gatewayCpu} ms, so ` +
      `${results.machine.cpuCount} cores bound the gateway near ${cpuBound} msg/s before RabbitMQ and Redis take ` +
      `their share; one CMS signature is ${signMs} ms of it.`,
    ...(results.cliStart ? [cliStartLine(results.cliStart)] : []),
    '',
  ].join('\n');
}

function cliStartLine({ runs, help, status }: CliStartResult): string {
  const range = (t: CliStartResult['help']) => `${t.minMs}–${t.maxMs}`;
  return (
    `- Command line start / démarrage de la ligne de commande (\`pcms\` spawned, median of ${runs}, wall ms): ` +
    `\`--help\` **${help.medianMs}** (${range(help)}), \`status\` **${status.medianMs}** (${range(status)}; ` +
    'configuration loaded, broker asked).'
  );
}

/** A table laid out as Prettier lays it out (first column left, the others right), so format checks pass. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((row) => row[column].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = widths.map((width, column) =>
    column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`,
  );
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

export function writeResults(directory: string, results: BenchResults): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const json = join(directory, 'latest.json');
  const markdown = join(directory, 'latest.md');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdown, `# Benchmark / banc d'essai\n\n${renderMarkdown(results)}`);
  return { json, markdown };
}

/** Replaces what lies between the markers; appends the markers when absent; creates only a missing file. */
export function updateReadmeSection(readmePath: string, results: BenchResults): void {
  const section = [
    README_START,
    // Prettier keeps a blank line after an HTML comment: without it `format:check` fails on the README.
    '',
    renderMarkdown(results),
    'Reproduce / reproduire : `npm run bench` (`npm run bench -- --help` for the options / pour les options).',
    README_END,
  ].join('\n');
  if (!existsSync(readmePath)) {
    writeFileSync(readmePath, `${section}\n`);
    return;
  }
  const current = readFileSync(readmePath, 'utf8');
  const start = current.indexOf(README_START);
  const end = current.indexOf(README_END, start);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + README_END.length)
      : `${current}${current.endsWith('\n') ? '' : '\n'}\n${section}\n`;
  writeFileSync(readmePath, next);
}
