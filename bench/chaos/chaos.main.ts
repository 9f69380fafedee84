// npm run chaos: one self-stopping chaos run on this machine (bench/chaos/README.md), then its
// report in bench/results/chaos/ and its summary in the README. Exit 0 when nothing was lost or
// seen twice, the journal is whole and its chain verifies, and nothing is stuck; 1 otherwise.
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { INFRASTRUCTURE_FAULTS, type FaultKind } from './chaos.plan';
import { renderMarkdown, updateReadmeSection, writeReport } from './chaos.report';
import { runChaos } from './chaos.run';
import { builtApps, sourceApps } from './gateway.fleet';
import { freshSeed } from './seeded-random';

// Built (dist/bench/chaos) as npm run chaos runs it, or from its sources through swc (development).
const FROM_SOURCES = __filename.endsWith('.ts');
const PROJECT_ROOT = FROM_SOURCES ? join(__dirname, '..', '..') : join(__dirname, '..', '..', '..');

const say = (line: string) =>
  process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function integer(min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min} / attendu un entier ≥ ${min}`);
    }
    return parsed;
  };
}

function faultList(value: string): FaultKind[] {
  if (value === 'none') return [];
  const kinds = value.split(',').map((kind) => kind.trim());
  for (const kind of kinds) {
    if (!INFRASTRUCTURE_FAULTS.includes(kind as FaultKind)) {
      throw new InvalidArgumentError(
        `unknown fault ${kind} (${INFRASTRUCTURE_FAULTS.join(', ')}, none) / panne inconnue`,
      );
    }
  }
  return kinds as FaultKind[];
}

interface CliOptions {
  messages: number;
  kills: number;
  seed?: number;
  instances: number;
  faults: FaultKind[];
  window: number;
  maxMinutes: number;
  settleMinutes: number;
  peerOutageSeconds: number;
  basePort: number;
  write: boolean;
}

const program = new Command('npm run chaos --')
  .description(
    [
      'EN: a self-stopping chaos run on this machine (localhost only): the three-node RabbitMQ cluster,',
      '    two processes of every gateway app, the journal on PostgreSQL, traffic both ways (every type,',
      '    a share held and released by two operators, a share the policy refuses), while SIGKILLs of',
      '    gateway processes, a broker node killed, the whole broker stopped, Redis and PostgreSQL',
      '    restarted and the peer unreachable are injected. Then it waits for every message and counts',
      '    per destination: expected, delivered once, raw duplicates, seen twice, lost; checks the',
      '    journal of every message and its hash chain. Writes bench/results/chaos/ and the README',
      '    section. Leaves the services running and the cluster stopped, even when it fails.',
      'FR: un essai de pannes qui s’arrête seul : grappe RabbitMQ de trois nœuds, deux processus de',
      '    chaque application, journal sur PostgreSQL, trafic dans les deux sens pendant que des pannes',
      '    sont injectées ; puis le décompte par destination (attendus, livrés une fois, doublons bruts,',
      '    vus deux fois, perdus), le journal de chaque message et sa chaîne. Rejouable avec --seed.',
    ].join('\n'),
  )
  .configureHelp({ helpWidth: 110 })
  .option('-n, --messages <count>', 'messages sent / messages envoyés', integer(1), 50_000)
  .option('--kills <count>', 'SIGKILLs of random gateway processes / processus tués', integer(0), 20)
  .option(
    '--seed <number>',
    'replays a run / rejoue un essai (default: from the clock / par défaut : l’horloge)',
    integer(0),
  )
  .option('--instances <count>', 'processes of each gateway app / processus par application', integer(1), 2)
  .option(
    '--faults <list>',
    `infrastructure faults, comma-separated, or none / pannes d’infrastructure (${INFRASTRUCTURE_FAULTS.join(',')})`,
    faultList,
    [...INFRASTRUCTURE_FAULTS],
  )
  .option('--window <count>', 'messages in flight at most / messages en vol au plus', integer(1), 200)
  .option('--max-minutes <minutes>', 'traffic time bound / durée maximale du trafic', integer(1), 120)
  .option(
    '--settle-minutes <minutes>',
    'wait for the last messages, at most / attente des derniers',
    integer(1),
    15,
  )
  .option(
    '--peer-outage-seconds <seconds>',
    'how long the peer is unreachable / durée de l’absence du pair',
    integer(1),
    30,
  )
  .option('--base-port <port>', 'first of the run’s ports / premier port de l’essai', integer(1024), 28600)
  .option('--no-write', 'print only, write no file / afficher seulement, sans écrire')
  .action(async (cli: CliOptions) => {
    const seed = cli.seed ?? freshSeed();
    let interrupted = false;
    // The first signal ends the traffic through the run's own cleanup; it is not ignored twice.
    const stop = (signal: NodeJS.Signals) => {
      if (interrupted) {
        say(
          `${signal} again: exiting now / sortie immédiate; then run / puis lancer: bash scripts/services.sh && bash scripts/rabbitmq-cluster.sh stop`,
        );
        process.exit(130);
      }
      interrupted = true;
      say(
        `${signal}: stopping / arrêt (cleanup runs / le nettoyage suit); replay with / rejouer avec --seed ${seed}`,
      );
      cli.maxMinutes = 0;
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    try {
      const report = await runChaos({
        ...cli,
        seed,
        infrastructure: cli.faults,
        projectRoot: PROJECT_ROOT,
        appCommand: FROM_SOURCES ? sourceApps(PROJECT_ROOT) : builtApps(PROJECT_ROOT),
        say,
      });
      process.stdout.write(`\n${renderMarkdown(report)}\n`);
      if (cli.write) {
        const files = writeReport(join(PROJECT_ROOT, 'bench', 'results', 'chaos'), report);
        updateReadmeSection(
          join(PROJECT_ROOT, 'README.md'),
          report,
          files.markdown.slice(PROJECT_ROOT.length + 1),
        );
        say(`written / écrit: ${files.json}, ${files.markdown}, README.md (chaos section)`);
      }
      say(`${report.ok ? 'PASS' : 'FAIL'} (seed ${seed})`);
      process.exitCode = report.ok ? 0 : 1;
    } catch (error: unknown) {
      process.stderr.write(
        `[chaos] FAILED / ÉCHEC (seed ${seed}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
    process.exit();
  });

// Through run-ts.js the script is argv[2], not argv[1].
void program.parseAsync(FROM_SOURCES ? process.argv.slice(1) : process.argv);
