// The process `npm start` ends in (scripts/start.sh execs it): every app, N processes of each
// gateway app (`--instances N`, config `instances`), labelled output (`[router#2] …`), and a stop
// by pid that reaches every process once. See libs/supervisor/README.md.
// class-transformer's decorators of the configuration read design-time metadata.
import 'reflect-metadata';
import { instancesOf, loadConfig, MAX_INSTANCES, type GatewayConfig, type InstancedApp } from '@pcms/config';
import { explainError } from '@pcms/runtime/process';
import { superviseApps, type SupervisedApp } from '@pcms/supervisor';
import { join } from 'node:path';

/**
 * In start order; `instances` is the config key of an app that runs N times, none for the peer;
 * `runs` leaves an app out when the configuration turns it off.
 */
const APPS: ReadonlyArray<{
  name: string;
  instances?: InstancedApp;
  runs?: (config: GatewayConfig) => boolean;
  /**
   * Started once that app's first process said it started: two processes migrating one schema on a
   * fresh SQLite file at once fail one of them (the console and the router both migrate the holds).
   */
  after?: string;
}> = [
  { name: 'journal-writer', instances: 'journalWriter' },
  { name: 'pcms-adapter', instances: 'pcmsAdapter' },
  { name: 'router', instances: 'router' },
  { name: 'i247-adapter', instances: 'i247Adapter' },
  // A stand-in for INTERPOL's side, not a gateway process: always one.
  { name: 'i247-peer' },
  // The judicial network (issue 15): one process, its door and its clock (a lease keeps one scanner).
  { name: 'judicial-adapter', runs: (config) => config.judicialAdapter.enabled },
  // The stand-in for every authority's system (demo, tests), like the I-24/7 peer: always one.
  { name: 'judicial-peer', runs: (config) => config.judicialAdapter.enabled },
  // The operations console (issue 13): HTTPS with client certificates, its URL printed at start.
  { name: 'console', runs: (config) => config.console.enabled, after: 'router' },
];

/** What runMain writes once an app started: the second instance of an app waits for it. */
const READY_LINE = /"msg":"started \/ démarré"/;

const USAGE = `Usage: npm start [-- --instances N]
EN: runs every app of the gateway; --instances N (1 to ${MAX_INSTANCES}) runs N processes of the journal
    writer, pcms-adapter, router and i247-adapter (config key instances.count, per app
    instances.<app>; PCMS_INSTANCES), labelled [router#2]; instance k listens on each port + (k-1)*10.
FR: démarre toutes les applications ; --instances N lance N processus de chacune (clé instances.count,
    par application instances.<app>), étiquetés [router#2] ; l'instance k écoute sur chaque port + (k-1)*10.
`;

/** A command line the supervisor cannot run: said with its code, without a stack (explainError). */
class SupervisorArgumentError extends Error {
  override readonly name = 'SupervisorArgumentError';
  readonly code = 'SUPERVISOR_ARGUMENT_INVALID';
}

function parseArguments(argv: readonly string[]): { help: boolean; instances?: number } {
  let instances: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    if (argument === '-h' || argument === '--help') return { help: true };
    const value =
      argument === '--instances' ? argv[(i += 1)] : /^--instances=(.*)$/.exec(argument ?? '')?.[1];
    if (value === undefined) {
      throw new SupervisorArgumentError(
        `unknown argument ${argument} / argument inconnu (npm start -- --help)`,
      );
    }
    instances = Number(value);
    if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES) {
      throw new SupervisorArgumentError(
        `--instances takes a whole number from 1 to ${MAX_INSTANCES}, got "${value}" / --instances attend un entier de 1 à ${MAX_INSTANCES}`,
      );
    }
  }
  return { help: false, instances };
}

function appsToRun(argv: readonly string[]): SupervisedApp[] | undefined {
  const { help, instances } = parseArguments(argv);
  if (help) return undefined;
  // The same configuration the apps read (PCMS_PROFILE, PCMS_INSTANCES), with the flag on top.
  const config = loadConfig(
    instances === undefined ? {} : { overrides: { instances: { count: instances } } },
  );
  const countOf = (app: (typeof APPS)[number]) =>
    app.instances ? instancesOf(config.instances, app.instances) : 1;
  const firstOf = (name: string) => {
    const app = APPS.find((candidate) => candidate.name === name);
    return app && countOf(app) > 1 ? `${name}#1` : name;
  };
  return APPS.filter(({ runs }) => runs?.(config) ?? true).flatMap((app) => {
    const count = countOf(app);
    const script = join(__dirname, '..', '..', app.name, 'src', 'main.js');
    return Array.from({ length: count }, (_, i) => {
      const after = i > 0 ? `${app.name}#1` : app.after && firstOf(app.after);
      return {
        name: count === 1 ? app.name : `${app.name}#${i + 1}`,
        command: process.execPath,
        args: [script],
        env: { PCMS_INSTANCE: String(i + 1) },
        ...(after ? { after } : {}),
      };
    });
  });
}

let apps: SupervisedApp[] | undefined;
try {
  apps = appsToRun(process.argv.slice(2));
} catch (error: unknown) {
  process.stderr.write(`[supervisor] ${explainError(error)}\n`);
  process.exit(1);
}
if (!apps) {
  process.stdout.write(USAGE);
} else {
  if (apps.some((app) => app.name.includes('#'))) {
    process.stdout.write(
      `[supervisor] starting / démarrage : ${apps.map((app) => app.name).join(' ')} (a second instance starts once the first has / une seconde instance démarre après la première)\n`,
    );
  }
  superviseApps({ apps, out: process.stdout, color: process.stdout.isTTY, readyLine: READY_LINE })
    // exitCode, not exit(): the last lines are written out before the process ends on its own.
    .then(({ exitCode }) => (process.exitCode = exitCode))
    .catch((error: unknown) => {
      process.stderr.write(`[supervisor] ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
