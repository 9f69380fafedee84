// The arithmetic of `npm run bench -- --console`, apart from the processes so that it is tested:
// what the dashboard stream says (a route's count, the last hour's delivered count), how long after
// a message it first counted it, what the console cost the gateway's rate, and the report.
import { alignedTable } from './bench-results.writer';
import { round, summarize, type LatencySummary } from './latency.stats';

/** Issue 13's targets for the console under load. */
export const CONSOLE_TARGETS = { ratePerSecond: 300, costPercent: 5, lagMs: 1000 } as const;

/** One `event: figures` of the dashboard's stream, as the bench received it. */
export interface DashboardSample {
  /** When the bench read the event (epoch ms, the clock of every other time here). */
  readonly at: number;
  /** Messages of the route over the chart's hour (a message counts at its first journal entry). */
  readonly routeCount: number;
  /** Messages of the last hour whose latest stage is `delivered`. */
  readonly delivered: number;
}

/**
 * The two counts one event carries, from its data (`{ html, chart }`, English figures: `/events?lang=en`).
 * `routeLabel` is the chart's label of the route, e.g. "NP-ML outbound"; undefined when the event
 * does not carry the delivered figure.
 */
export function countsOfEvent(
  data: string,
  routeLabel: string,
): Pick<DashboardSample, 'routeCount' | 'delivered'> | undefined {
  const { html, chart } = JSON.parse(data) as {
    html: string;
    chart: { routes: { label: string; counts: number[] }[] };
  };
  const delivered = /data-figure="delivered">([^<]*)</.exec(html)?.[1];
  if (delivered === undefined) return undefined;
  const route = chart.routes.find((candidate) => candidate.label === routeLabel);
  return {
    routeCount: route ? route.counts.reduce((sum, count) => sum + count, 0) : 0,
    // English figures group thousands with a comma.
    delivered: Number(delivered.replace(/\D/g, '')),
  };
}

export interface LagMeasure {
  /** Messages whose lag was measured. */
  readonly measured: number;
  /** Of those, counted by the dashboard before the bench saw the reference event itself (lag 0). */
  readonly shownBefore: number;
  /** Never counted while the stream was read. */
  readonly missing: number;
  readonly lag: LatencySummary;
}

/**
 * Counts do not name messages: the k-th message by reference time is counted once the dashboard
 * shows `baseline + k`. Its lag is from its reference time to the first event showing that many
 * (0 when the dashboard showed it first: the journal can record a delivery before the bench reads it).
 */
export function lagsByRank(
  referenceAt: readonly number[],
  shown: readonly { readonly at: number; readonly count: number }[],
  baseline: number,
): LagMeasure {
  const references = [...referenceAt].sort((a, b) => a - b);
  const lags: number[] = [];
  let shownBefore = 0;
  let missing = 0;
  let event = 0;
  // A count may step back (a message's latest stage moves on); the highest seen so far counts.
  let highest = -Infinity;
  for (const [index, reference] of references.entries()) {
    const wanted = baseline + index + 1;
    while (highest < wanted && event < shown.length) {
      highest = Math.max(highest, shown[event].count);
      event += 1;
    }
    if (highest < wanted) {
      missing += 1;
      continue;
    }
    const at = shown[event - 1].at;
    if (at < reference) shownBefore += 1;
    lags.push(Math.max(0, at - reference));
  }
  return { measured: lags.length, shownBefore, missing, lag: summarize(lags) };
}

export interface ConsoleCost {
  /** The mean of the bursts without the console. */
  readonly withoutPerSecond: number;
  /** The mean of the bursts with it. */
  readonly withPerSecond: number;
  /** How much lower the rate was with the console, in % of the rate without (negative: higher). */
  readonly costPercent: number;
  /** The spread of the runs without the console, in % of their mean: below it, a cost is noise. */
  readonly noisePercent: number;
}

export function consoleCost(
  withoutPerSecond: readonly number[],
  withPerSecond: readonly number[],
): ConsoleCost {
  const meanOf = (rates: readonly number[]) => rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  const mean = meanOf(withoutPerSecond);
  const withMean = meanOf(withPerSecond);
  const spread = Math.max(...withoutPerSecond) - Math.min(...withoutPerSecond);
  return {
    withoutPerSecond: round(mean),
    withPerSecond: round(withMean),
    costPercent: mean > 0 ? round(((mean - withMean) / mean) * 100) : 0,
    noisePercent: mean > 0 ? round((spread / mean) * 100) : 0,
  };
}

/**
 * Whether the cost is under the target: only when the bursts without the console agree among
 * themselves within the target too; otherwise the machine's own variation could hide the cost.
 */
export function costVerdict(cost: ConsoleCost): 'met' | 'not met' | 'not established' {
  if (cost.noisePercent >= CONSOLE_TARGETS.costPercent) return 'not established';
  return cost.costPercent < CONSOLE_TARGETS.costPercent ? 'met' : 'not met';
}

const COST_VERDICTS = {
  met: 'met / atteint',
  'not met': '**NOT met / NON atteint**',
  'not established':
    '**not established / non établi**: the bursts without the console differ by more than the target',
} as const;

/**
 * The path is bound by the cores (docs/performance.md, scaling model): what the console takes of
 * them during a burst is what it takes from the gateway, a figure the bursts' own spread does not
 * blur. Its lowest and highest share of the machine over the bursts with it, in %.
 */
export function consoleShareOfCores(
  passes: readonly ConsolePass[],
  cores: number,
): { low: number; high: number } | undefined {
  const shares = passes
    .filter((pass) => pass.offeredPerSecond === 0 && pass.consoleCpuPercentOfCore !== undefined)
    .map((pass) => (pass.consoleCpuPercentOfCore ?? 0) / cores);
  if (shares.length === 0) return undefined;
  return { low: round(Math.min(...shares)), high: round(Math.max(...shares)) };
}

export interface ConsolePass {
  readonly order: number;
  readonly console: boolean;
  /** 0: everything at once (burst). */
  readonly offeredPerSecond: number;
  readonly achievedPerSecond: number;
  readonly messages: number;
  readonly durationMs: number;
  /** The console process's CPU over the pass, in ms per message; absent without it. */
  readonly consoleCpuMsPerMessage?: number;
  /** The same, in % of one core over the pass's duration. */
  readonly consoleCpuPercentOfCore?: number;
  /** With the console: submitted → the route's count, and through → the delivered count. */
  readonly lag?: { readonly submitted: LagMeasure; readonly delivered: LagMeasure };
}

export interface ConsoleBenchResult {
  readonly date: string;
  readonly cores: number;
  readonly loadAverageAtStart: number;
  readonly warmUpMessages: number;
  /** How often the console recomputes and publishes the dashboard while a page listens. */
  readonly tickMs: number;
  /** Whether the dashboard had counted every earlier message before each pass with it began. */
  readonly baselinesReached: boolean;
  readonly passes: readonly ConsolePass[];
  readonly cost: ConsoleCost;
}

const rateOf = (pass: ConsolePass) =>
  pass.offeredPerSecond === 0 ? 'burst / rafale' : `${pass.offeredPerSecond}`;

/** The report: bench/results/console.md and the README section. */
export function renderConsole(result: ConsoleBenchResult): string {
  const { cost, passes } = result;
  const maximum = Math.max(...passes.filter((pass) => !pass.console).map((pass) => pass.achievedPerSecond));
  const reachable = maximum >= CONSOLE_TARGETS.ratePerSecond;
  const lagged = passes.filter((pass) => pass.lag);
  const lines = [
    `### Console cost and lag / coût et retard de la console (${result.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Targets / objectifs (issue 13): the dashboard follows the traffic within ${CONSOLE_TARGETS.lagMs} ms at ${CONSOLE_TARGETS.ratePerSecond} msg/s; the console costs under ${CONSOLE_TARGETS.costPercent} % of the gateway's throughput.`,
    '',
    `${result.cores} cores, load average ${result.loadAverageAtStart} at start; outbound path (NP-ML submits → the peer stored the notice and RP read its copy), ${result.warmUpMessages} warm-up messages not counted.`,
    '',
    reachable
      ? `The gateway reached ${maximum} msg/s without the console here.`
      : `**${CONSOLE_TARGETS.ratePerSecond} msg/s was not reachable here / non atteignable ici**: the gateway's own maximum (burst, without the console) was ${maximum} msg/s; the figures below are at that maximum and at a paced rate it holds.`,
    '',
    ...alignedTable(
      [
        'pass / passage (in order / dans l’ordre)',
        'console',
        'offered / offert',
        'achieved / obtenu msg/s',
        'messages',
        'console CPU ms / msg',
        'console CPU % of a core',
      ],
      passes.map((pass) => [
        `${pass.order}`,
        pass.console ? 'with / avec' : 'without / sans',
        rateOf(pass),
        `${pass.achievedPerSecond}`,
        `${pass.messages}`,
        pass.consoleCpuMsPerMessage === undefined ? '' : `${pass.consoleCpuMsPerMessage}`,
        pass.consoleCpuPercentOfCore === undefined ? '' : `${pass.consoleCpuPercentOfCore}`,
      ]),
    ),
    '',
    `**Cost / coût**: ${cost.withoutPerSecond} msg/s without (mean of the bursts without) → ${cost.withPerSecond} with (mean of the bursts with): **${cost.costPercent} %** (target < ${CONSOLE_TARGETS.costPercent} %: ${COST_VERDICTS[costVerdict(cost)]}). The bursts without the console differ by ${cost.noisePercent} % between themselves${cost.noisePercent >= Math.abs(cost.costPercent) ? ': the cost is within that noise / le coût est dans ce bruit' : ''}.`,
    '',
    ...shareOfCoresLine(result),
    ...alignedTable(
      [
        'lag / retard (ms)',
        'offered / offert',
        'measured',
        'shown first',
        'missing',
        'p50',
        'p95',
        'max',
        `≤ ${CONSOLE_TARGETS.lagMs} ms`,
      ],
      lagged.flatMap((pass) => {
        const { submitted, delivered } = pass.lag ?? ({} as never);
        const row = (what: string, measure: LagMeasure) => [
          what,
          rateOf(pass),
          `${measure.measured}`,
          `${measure.shownBefore}`,
          `${measure.missing}`,
          `${measure.lag.p50Ms}`,
          `${measure.lag.p95Ms}`,
          `${measure.lag.maxMs}`,
          measure.missing === 0 && measure.lag.p95Ms <= CONSOLE_TARGETS.lagMs
            ? 'p95 yes / oui'
            : 'p95 **no / non**',
        ];
        return [
          row('submitted → route count / soumis → compte de la route', submitted),
          row('through → delivered count / arrivé → compte livrés', delivered),
        ];
      }),
    ),
    '',
    `- Granularity / granularité: the console recomputes the dashboard every ${result.tickMs} ms while a page listens (one event per tick), so a lag is at least the wait for the next tick: up to ${result.tickMs} ms, ${result.tickMs / 2} ms on average, before the console's own reading time. / Le tableau de bord est recalculé toutes les ${result.tickMs} ms.`,
    '- Lag / retard: measured by rank (counts do not name messages): the k-th message is shown once the count reaches the count before the pass + k. "submitted": from NP-ML\'s confirmed submit to the chart\'s NP-ML count (a message counts at its first journal entry); "through": from the moment the bench saw it stored by the peer and read by RP to the last hour\'s delivered count (in a burst, "submitted" also holds the time a message waits in the gateway before its first stage); "shown first": counted before the bench saw that moment (lag 0).',
    '- Order / ordre: bursts without and with the console alternate, starting and ending without it (the console started before each of its passes and stopped after), so that a machine getting busier or quieter during the run weighs on both sides. Each tick reads only the journal entries written since the one before, so later passes with the console do not carry more than earlier ones. / Rafales sans et avec la console en alternance, commençant et finissant sans elle.',
  ];
  if (!result.baselinesReached) {
    lines.push(
      '- **Warning / attention**: before a pass with the console, the dashboard had not counted every earlier message within the wait; its lags are measured from the count it showed then.',
    );
  }
  lines.push('', 'Reproduce / reproduire : `npm run bench -- --console` (`--console 1400 --rate 40`).', '');
  return lines.join('\n');
}

function shareOfCoresLine(result: ConsoleBenchResult): string[] {
  const share = consoleShareOfCores(result.passes, result.cores);
  if (!share) return [];
  return [
    `**By CPU / par le CPU**: during the bursts with it the console used ${share.low} to ${share.high} % of the ${result.cores} cores; the path being bound by the cores, that is the share of the gateway's throughput it takes (target < ${CONSOLE_TARGETS.costPercent} %: ${share.high < CONSOLE_TARGETS.costPercent ? 'met / atteint' : '**NOT met / NON atteint**'}). / La console a pris ${share.low} à ${share.high} % des cœurs pendant les rafales.`,
    '',
  ];
}
