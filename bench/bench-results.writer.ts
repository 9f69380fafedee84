// The results of one run: JSON for machines, a Markdown table for people, and the README's section
// between its markers (nothing else of the README is touched).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { CliStartResult } from './cli-start.bench';
import type { Direction, PathResult } from './end-to-end-load.bench';
import { round } from './latency.stats';
import type { Limit, MinimalWork, UnitCosts } from './physical-limit.bench';
import type { RawBrokerResult } from './raw-broker.bench';
import { replaceReadmeSection } from './readme-section';
import type { ScalingPrediction } from './scaling.model';

export interface DirectionResults {
  direction: Direction;
  /** What one message needs at the least, and the rate the cores allow for it. */
  work: MinimalWork;
  /** The unit costs measured again right after the burst (the run's first ones are `costs`). */
  costsAfterBurst: UnitCosts;
  limitAtStart: Limit;
  limitAfterBurst: Limit;
  /** From the mean of the two measures: the limit of the burst's moment, the ratio's divisor. */
  limit: Limit;
  /** Everything sent at once: the maximum. */
  burst: PathResult;
  ratioToLimit: number;
  /** CPU (user + system) per message during the burst, per process on the machine. */
  cpuMsPerMessage: Record<string, number>;
  /** The cores the path had during the burst: the machine's, less what other work used meanwhile. */
  coresLeft: number;
  /** Sent at a steady rate: 25, 50 and 75 % of the burst's rate, or `--rate`. */
  paced: PathResult[];
}

/** The burst again with several instances per gateway app, and what the model predicted for it. */
export interface ScalingRun {
  direction: Direction;
  instances: number;
  throughputPerSecond: number;
  coresLeft: number;
  cpuMsPerMessage: Record<string, number>;
  predicted: ScalingPrediction;
  predictedSingle: ScalingPrediction;
  singleThroughputPerSecond: number;
  singleCoresLeft: number;
}

export interface BenchResults {
  date: string;
  machine: { cpuModel: string; cpuCount: number; memoryMiB: number; os: string; loadAverage1m: number };
  node: string;
  options: {
    messages: number;
    warmUpMessages: number;
    rate?: number;
    prefetch: number;
    platforms: number;
    instances?: number;
  };
  /** The envelope NP-ML submits, with its signature header. */
  messageBytes: number;
  /** The notice the peer sends. */
  noticeBytes: number;
  costs: UnitCosts;
  rawBroker: RawBrokerResult;
  directions: DirectionResults[];
  scaling?: ScalingRun[];
  /** VmRSS now and VmHWM (peak), in KiB, at the end of the run. */
  memory: Record<string, { rssKiB: number; peakKiB: number }>;
  cliStart?: CliStartResult;
}

/** Processes that are not the gateway: they share its cores and are shown apart. */
export const NOT_GATEWAY = ['i247-peer', 'beam.smp', 'redis-server', 'bench'];

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
  const { costs, directions } = results;
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
  const mib = (kib: number) => `${(kib / 1024).toFixed(0)}`;
  const label = (d: Direction) =>
    d === 'outbound'
      ? 'outbound / sortant: NP-ML submits → peer stored + RP read'
      : 'inbound / entrant: peer sends → NP-ML, NP-NE, RP read';
  const lat = (r: PathResult) =>
    [r.latency.p50Ms, r.latency.p95Ms, r.latency.p99Ms, r.latency.maxMs].map(String);
  const gatewayCpu = (cpu: Record<string, number>) =>
    round(
      Object.entries(cpu).reduce((sum, [name, ms]) => (NOT_GATEWAY.includes(name) ? sum : sum + ms), 0),
      3,
    );
  const processes = [...new Set(directions.flatMap((d) => Object.keys(d.cpuMsPerMessage)))];
  const work = (pick: (w: MinimalWork) => number) => directions.map((d) => String(pick(d.work)));
  return [
    `Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC: ${results.options.messages} messages per run ` +
      `(envelope ${results.messageBytes} B, notice ${results.noticeBytes} B), ${results.machine.cpuCount} × ` +
      `${results.machine.cpuModel}, Node ${results.node}, RabbitMQ, Redis and the I-24/7 peer on the same cores, ` +
      `load average ${results.machine.loadAverage1m} at start. Journal writer running, payloads kept encrypted, ` +
      'XSD validation on, persistent messages, delivery over HTTPS: nothing switched off.',
    ...(results.machine.loadAverage1m > results.machine.cpuCount
      ? [
          '',
          `**A loaded machine / une machine chargée**: load average ${results.machine.loadAverage1m} on ` +
            `${results.machine.cpuCount} cores, other work shared them (cores left for the path: the CPU ` +
            "table). Rates and latencies are not comparable with a quiet run's; CPU per message less affected " +
            '(docs/performance.md). / Débits et latences non comparables à ceux d’une machine au repos.',
        ]
      : []),
    '',
    ...alignedTable(
      [
        'whole path, burst / chemin complet, rafale',
        'msg/s',
        'limit / limite',
        'ratio',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
      ],
      directions.map((d) => [
        label(d.direction),
        `**${d.burst.throughputPerSecond}**`,
        `${d.limit.messagesPerSecond}`,
        `**${percent(d.ratioToLimit)}**`,
        ...lat(d.burst),
      ]),
    ),
    '',
    ...alignedTable(
      [
        'paced / cadencé (latency / latence)',
        'offered / offert',
        'achieved / obtenu',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
      ],
      directions.flatMap((d) =>
        d.paced.map((r) => [
          `${d.direction}, ${d.burst.throughputPerSecond > 0 ? Math.round((r.rate * 100) / d.burst.throughputPerSecond) : 0} % of the maximum`,
          `${r.rate}`,
          `${r.throughputPerSecond}`,
          ...lat(r),
        ]),
      ),
    ),
    '',
    ...alignedTable(
      [
        'irreducible piece / travail irréductible (CPU, alone, before the gateway started / seul, avant la passerelle)',
        'CPU ms',
        ...directions.map((d) => `× ${d.direction}`),
      ],
      [
        [
          `broker hop: publish (confirm) + consume (ack), persistent, ${results.rawBroker.messageBytes} B (beam.smp ${costs.hopBrokerMs} + client ${costs.hopClientMs})`,
          `${costs.hopMs}`,
          ...work((w) => w.hops),
        ],
        ['`CmsSigner.sign` with the gateway key', `${costs.signMs}`, ...work((w) => w.signs)],
        ['`SignatureVerifier.verify`', `${costs.verifyMs}`, ...work((w) => w.verifies)],
        [
          `TLS request, kept-alive, ${results.noticeBytes} B (client + server)`,
          `${costs.tlsRequestMs}`,
          ...work((w) => w.tlsRequests),
        ],
        [
          'per message, these costs / par message, ces coûts',
          '',
          ...directions.map((d) => `${d.limitAtStart.cpuMsPerMessage}`),
        ],
        [
          'per message, measured again after the burst / mesuré de nouveau après la rafale',
          '',
          ...directions.map((d) => `${d.limitAfterBurst.cpuMsPerMessage}`),
        ],
        [
          '**per message, the mean: the limit / la moyenne : la limite** (CPU ms)',
          '',
          ...directions.map((d) => `**${d.limit.cpuMsPerMessage}**`),
        ],
      ],
    ),
    '',
    ...alignedTable(
      ['CPU ms per message, burst / CPU par message, rafale', ...directions.map((d) => d.direction)],
      [
        ...processes.map((name) => [
          NOT_GATEWAY.includes(name) ? `${name} (not the gateway)` : name,
          ...directions.map((d) => `${d.cpuMsPerMessage[name] ?? ''}`),
        ]),
        [
          '**gateway / passerelle (sum of its apps)**',
          ...directions.map((d) => `**${gatewayCpu(d.cpuMsPerMessage)}**`),
        ],
        // Other people's work on the same cores during the burst: a loaded machine says so here.
        ['cores left for the path / cœurs restants', ...directions.map((d) => `${d.coresLeft ?? ''}`)],
      ],
    ),
    '',
    ...scalingTable(results.scaling ?? [], gatewayCpu),
    `- Limit / limite: ${results.machine.cpuCount} cores × 1000 ms ÷ the CPU one message needs at the least ` +
      '(table above; the method: docs/performance.md). Ratio: the burst rate over that limit.',
    `- The unit costs were measured before the gateway started (table above) and again after each burst; ` +
      `the limit is from their mean (the first measure is cold, and the machine's speed can drift within a run). Limit before / after: ${directions
        .map(
          (d) =>
            `${d.direction} ${d.limitAtStart.messagesPerSecond} / ${d.limitAfterBurst.messagesPerSecond} msg/s`,
        )
        .join(', ')}.`,
    `- Raw broker alone / courtier brut seul: ${results.rawBroker.throughputPerSecond} msg/s, p99 ${results.rawBroker.latency.p99Ms} ms (prefetch ${results.rawBroker.prefetch}).`,
    `- Memory at the end / mémoire à la fin (RSS / peak, MiB): ${Object.entries(results.memory)
      .map(([name, m]) => `${name} ${mib(m.rssKiB)} / ${mib(m.peakKiB)}`)
      .join(', ')}.`,
    '- Where the time goes / où passe le temps: `bench/results/profiles.md` (node --cpu-prof, top 15 self time per process).',
    ...(results.cliStart ? [cliStartLine(results.cliStart)] : []),
    '',
  ].join('\n');
}

/** The run with several instances per app beside the model's prediction (docs/performance.md). */
function scalingTable(
  runs: readonly ScalingRun[],
  gatewayCpu: (cpu: Record<string, number>) => number,
): string[] {
  if (runs.length === 0) return [];
  const predicted = (p: ScalingPrediction) => `${p.messagesPerSecond} (${p.bottleneck})`;
  return [
    ...alignedTable(
      [
        'instances per app, burst / instances par application, rafale',
        'cores left / cœurs restants',
        'msg/s',
        'model / modèle (cap)',
        'gateway CPU ms / msg',
      ],
      runs.flatMap((run) => [
        [
          `${run.direction}, 1 (first run / premier essai)`,
          `${run.singleCoresLeft}`,
          `${run.singleThroughputPerSecond}`,
          predicted(run.predictedSingle),
          '',
        ],
        [
          `${run.direction}, ${run.instances}`,
          `${run.coresLeft}`,
          `**${run.throughputPerSecond}**`,
          predicted(run.predicted),
          `${gatewayCpu(run.cpuMsPerMessage)}`,
        ],
      ]),
    ),
    '',
    '- Model / modèle: min(cores left × 1000 ÷ Σ CPU per message of every process; each single-threaded ' +
      "app: instances × 1000 ÷ its CPU per message), fed with the first run's costs (docs/performance.md).",
    '',
  ];
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
export function alignedTable(header: string[], rows: string[][]): string[] {
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

/** The README's bench section: this run's figures and how to reproduce them. */
export function updateReadmeSection(readmePath: string, results: BenchResults): void {
  replaceReadmeSection(
    readmePath,
    'bench',
    `${renderMarkdown(results)}\nReproduce / reproduire : \`npm run bench\` (\`npm run bench -- --help\` for the options / pour les options).`,
  );
}
