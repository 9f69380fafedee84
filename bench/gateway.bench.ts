// npm run bench: in one run, the limit of this machine for the whole path (the CPU of its
// irreducible work) and the gateway itself (every app and the I-24/7 peer as real processes), end to
// end in both directions, with a CPU profile of each process (bench/results/profiles.md).
import 'reflect-metadata';
import { loadConfig } from '@pcms/config';
import { gatewayTopology } from '@pcms/messaging';
import { Command, InvalidArgumentError, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateReadmeSection, writeResults, type BenchResults } from './bench-results.writer';
import { deleteBrokerTopology, deleteRedisKeys } from './bench-resources.cleaner';
import { runBenchSuite, type SuiteOptions } from './bench-suite.runner';
import { readProfile, renderProfiles, type ProcessProfile } from './cpu-profile';
import type { Direction } from './end-to-end-load.bench';
import { BENCH_APPS, GatewayProcessLauncher } from './gateway-process.launcher';
import { say } from './latency.stats';
import { renderSoak, runSoak, type SoakResult } from './soak.bench';
import { renderSearch, runBusinessKeySearchBench } from './business-key-search.bench';
import { renderConsole, type ConsoleBenchResult } from './console-figures';
import { runConsoleBench } from './console-load.bench';
import { replaceReadmeSection } from './readme-section';

const PROJECT_ROOT = join(__dirname, '..', '..');
const STOP_GRACE_MS = 10_000;

interface BenchOptions extends Omit<SuiteOptions, 'directions'> {
  directions: string;
  write: boolean;
  soak?: number;
  search?: number;
  console?: number;
  seed: number;
}

/** Chunks of the soak: sampled after each; at least 20 samples, at most 1000 messages queued at once. */
const soakChunkOf = (total: number) => Math.max(100, Math.min(1000, Math.ceil(total / 20)));

async function main(options: BenchOptions): Promise<void> {
  if (options.search) return searchBench(options.search, options.seed, options.write);
  const runId = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-bench-'));
  const env = {
    PCMS_PROFILE: 'bench',
    PCMS_DATA_DIR: dataDir,
    PCMS_AMQP_NAMESPACE: `bench-${runId}.`,
    PCMS_REDIS_PREFIX: `pcms-bench:${runId}`,
  };
  const config = loadConfig({ rootDir: PROJECT_ROOT, env: { ...process.env, ...env } });
  const profileDir = join(dataDir, 'profiles');
  // A soak is not profiled: its profiles would be huge and say nothing the bench's do not; nor is
  // the console's run: the profiler's own cost would blur the few per cent it looks for.
  const profiled = !options.soak && !options.console;
  const launcher = new GatewayProcessLauncher(PROJECT_ROOT, env, profiled ? profileDir : undefined);
  // The console apart, so that stopping it leaves the gateway running; the bench profile has it off.
  const consoleLauncher = new GatewayProcessLauncher(PROJECT_ROOT, { ...env, PCMS_CONSOLE_ENABLED: 'true' });
  const suiteOptions: SuiteOptions = { ...options, directions: directionsOf(options.directions) };
  process.once('exit', () => {
    consoleLauncher.killAllNow();
    launcher.killAllNow();
  });
  const interrupted = new Promise<never>((_, reject) => {
    // The first signal cleans up; a second one ends the process the default way.
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      reject(new Error(`interrupted by / interrompu par ${signal}`));
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  let results: BenchResults;
  let profiles: ProcessProfile[];
  try {
    if (options.soak) {
      const total = options.soak;
      const soak = await Promise.race([
        runSoak(total, soakChunkOf(total), config, launcher, PROJECT_ROOT),
        interrupted,
      ]);
      return writeSoak(soak, options.write);
    }
    if (options.console) {
      const measured = await Promise.race([
        runConsoleBench(
          { messages: options.console, rate: options.rate },
          config,
          launcher,
          consoleLauncher,
          PROJECT_ROOT,
        ),
        interrupted,
      ]);
      return writeConsole(measured, options.write);
    }
    results = await Promise.race([
      runBenchSuite(suiteOptions, config, launcher, PROJECT_ROOT, env),
      interrupted,
    ]);
  } finally {
    say('cleaning up / nettoyage: processes, queues, Redis keys, temp folder');
    await consoleLauncher.stopAll(STOP_GRACE_MS);
    await launcher.stopAll(STOP_GRACE_MS);
    // Each app wrote its profile as it stopped: read them before the folder goes.
    profiles = BENCH_APPS.flatMap(
      (app) => readProfile(app, join(profileDir, `${app}.cpuprofile`), PROJECT_ROOT) ?? [],
    );
    await deleteBrokerTopology(config.amqp.url, gatewayTopology(config.amqp.namespace).declaration).catch(
      warn,
    );
    await deleteRedisKeys(config.redis.url, config.redis.keyPrefix).catch(warn);
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const d of results.directions) {
    say(
      `${d.direction}: ${d.burst.throughputPerSecond} msg/s of a limit of ${d.limit.messagesPerSecond} (${(d.ratioToLimit * 100).toFixed(1)} %)`,
    );
    for (const run of d.paced) {
      say(`  paced / cadencé ${run.rate} msg/s: p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms`);
    }
  }
  say(`profiles / profils: ${profiles.map((p) => p.process).join(', ') || 'none / aucun'}`);
  if (!options.write) return;
  const directory = join(PROJECT_ROOT, 'bench', 'results');
  const files = writeResults(directory, results);
  const profilesFile = join(directory, 'profiles.md');
  writeFileSync(
    profilesFile,
    renderProfiles(
      profiles,
      `Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC (\`npm run bench\`, ${results.options.messages} ` +
        'messages per run): each process profiled by `node --cpu-prof` from its start to its stop, warm-up, ' +
        'bursts and paced runs included; self time, `(idle)` left out; `(program)` is native code outside ' +
        'JavaScript (crypto, TLS, syscalls), `(garbage collector)` the GC.',
    ),
  );
  updateReadmeSection(join(PROJECT_ROOT, 'README.md'), results);
  say(
    `written / écrit: ${files.json}, ${files.markdown}, ${profilesFile}, README.md (bench section / section bench)`,
  );
}

function writeSoak(soak: SoakResult, write: boolean): void {
  for (const [name, slope] of Object.entries(soak.slopeKiBPer10k)) {
    say(`soak: ${name} ${slope} KiB per 10,000 messages / Kio pour 10 000 messages`);
  }
  if (!write) return;
  const directory = join(PROJECT_ROOT, 'bench', 'results');
  writeFileSync(join(directory, 'soak.json'), `${JSON.stringify(soak, null, 2)}\n`);
  writeFileSync(join(directory, 'soak.md'), renderSoak(soak));
  say(`written / écrit: ${join(directory, 'soak.md')}, soak.json`);
}

function writeConsole(result: ConsoleBenchResult, write: boolean): void {
  const markdown = renderConsole(result);
  process.stdout.write(`${markdown}\n`);
  if (!write) return;
  const directory = join(PROJECT_ROOT, 'bench', 'results');
  writeFileSync(join(directory, 'console.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(directory, 'console.md'), markdown);
  replaceReadmeSection(join(PROJECT_ROOT, 'README.md'), 'bench-console', markdown);
  say(
    `written / écrit: ${join(directory, 'console.md')}, console.json, README.md (console section / section console)`,
  );
}

async function searchBench(messages: number, seed: number, write: boolean): Promise<void> {
  const result = await runBusinessKeySearchBench(messages, seed);
  const markdown = renderSearch(result);
  process.stdout.write(`${markdown}\n`);
  if (!write) return;
  const directory = join(PROJECT_ROOT, 'bench', 'results');
  writeFileSync(join(directory, 'search.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(directory, 'search.md'), markdown);
  replaceReadmeSection(join(PROJECT_ROOT, 'README.md'), 'bench-search', markdown);
  say(
    `written / écrit: ${join(directory, 'search.md')}, search.json, README.md (search section / section recherche)`,
  );
}

function directionsOf(value: string): Direction[] {
  const names = value.split(',').map((name) => name.trim());
  const directions = names.map((name) => (name === 'out' ? 'outbound' : name === 'in' ? 'inbound' : name));
  for (const name of directions) {
    if (name !== 'outbound' && name !== 'inbound') {
      throw new InvalidArgumentError(`unknown direction ${name} (out, in) / direction inconnue`);
    }
  }
  return [...new Set(directions)] as Direction[];
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
      'EN: the limit of this machine for the whole path, then the gateway end to end in both',
      '    directions (burst, then paced at 25/50/75 % of it), with CPU per process and profiles;',
      '    writes bench/results/latest.{json,md}, profiles.md and the README section.',
      'FR: la limite de la machine pour le chemin complet, puis la passerelle de bout en bout dans',
      '    les deux sens (rafale, puis cadencé à 25/50/75 %), CPU par processus et profils ;',
      '    écrit bench/results/ et la section du README.',
    ].join('\n'),
  )
  .configureHelp({ helpWidth: 110 })
  .option('-n, --messages <count>', 'messages per run / messages par essai', positive('integer'), 2000)
  .option(
    '--rate <perSecond>',
    'one paced run at this rate instead of 25/50/75 % of the maximum / une seule cadence',
    positive('number'),
  )
  .option(
    '--directions <list>',
    'out, in or out,in / sens mesurés',
    (value: string) => (directionsOf(value), value),
    'out,in',
  )
  .option(
    '--instances <count>',
    'then the burst again with this many processes per gateway app (1: no second run) / puis la rafale avec autant de processus par application',
    positive('integer'),
    2,
  )
  .option(
    '--soak <count>',
    'instead: memory after this many outbound messages (RSS per process, sampled) / à la place : mémoire après autant de messages',
    positive('integer'),
  )
  .addOption(
    new Option(
      '--search [messages]',
      'instead: search by business key over a generated journal of this many messages (default 1,000,000), SQLite and PostgreSQL / à la place : recherche par clé métier',
    )
      .preset(1_000_000)
      .argParser(positive('integer')),
  )
  .addOption(
    new Option(
      '--console [messages]',
      "instead: the console's cost to the gateway (bursts without and with it, alternating) and its dashboard's lag, this many messages per pass (default 1000; --rate: the paced pass) / à la place : coût et retard de la console",
    )
      .preset(1000)
      .argParser(positive('integer')),
  )
  .option(
    '--seed <number>',
    'of the generated journal (--search) / graine du journal généré',
    positive('integer'),
    1,
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
