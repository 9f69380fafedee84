import { InvalidArgumentError, type Command } from 'commander';
import { join, resolve } from 'node:path';
import {
  JUDICIAL_STATES,
  JudicialError,
  JUDICIAL_FOLLOW_UP_APP,
  JudicialErrorCode,
  fireDueReminders,
  isJudicialState,
  judicialStats,
  judicialStoreFromConfig,
  loadJudicialDirectory,
  overdueOf,
  statsCsv,
  submittedIn,
  type JudicialDirectory,
  type JudicialState,
  type JudicialStore,
  type StatsPeriod,
} from '@pcms/judicial';
import { JournalEmitter } from '@pcms/journal-emitter';
import { counted, say, type CliContext } from '../cli.context';
import { noticeStandingsOf } from './judicial-notices';
import { printPairStats, printRequest, printRequestLine } from './judicial.print';
import { registerJudicialSendCommands } from './judicial-send.command';

/** The app the journal names for what the command line does. */
const CLI_APP = 'pcms-cli';
const JSON_OPTION = ['--json', 'machine-readable output / sortie JSON'] as const;
const DIRECTORY_OPTION = [
  '--directory <file>',
  'the directory whose followUp sets the delays (default: config/judicial-directory.yaml) / l’annuaire dont followUp fixe les délais (par défaut : config/judicial-directory.yaml)',
] as const;

/**
 * `judicial list|show|remind|stats`: the requests the gateway keeps (issue 15), as a focal point
 * follows them between meetings. Read from the journal's database; requests reach it through the
 * store's API only until the message pipeline carries judicial messages.
 */
export function registerJudicialCommands(program: Command, context: CliContext): void {
  const judicial = program
    .command('judicial')
    .description(
      'judicial requests (mutual legal assistance, extradition): follow, remind, report\n' +
        'demandes d’entraide judiciaire et d’extradition : suivre, relancer, rendre compte',
    );
  registerJudicialSendCommands(judicial, context);
  const directoryOf = (file?: string): Promise<JudicialDirectory> =>
    loadJudicialDirectory(
      file === undefined
        ? join(context.config.paths.root, 'config', 'judicial-directory.yaml')
        : resolve(file),
    );

  judicial
    .command('list')
    .description(
      'the requests, oldest first: id, kind, urgency, states, current state, last move; --overdue: only those past their reminder delay\n' +
        'les demandes, les plus anciennes d’abord : id, nature, urgence, États, état, dernier mouvement ; --overdue : seulement celles en retard',
    )
    .option(
      '--overdue',
      'only requests without a move for longer than their delay / seulement les demandes en retard',
    )
    .option(
      '--as-of <YYYY-MM-DD>',
      'with --overdue: overdue on that day (00:00 UTC) if nothing moves before, e.g. the next meeting; fires nothing / avec --overdue : en retard ce jour-là (00:00 UTC) si rien ne bouge d’ici là, par ex. la prochaine réunion ; ne déclenche rien',
      dayArgument,
    )
    .option(
      '--state <state>',
      `only this state (${JUDICIAL_STATES.join(', ')}) / seulement cet état`,
      stateArgument,
    )
    .option(...DIRECTORY_OPTION)
    .option(...JSON_OPTION)
    .action(
      (options: {
        overdue?: boolean;
        asOf?: string;
        state?: JudicialState;
        directory?: string;
        json?: boolean;
      }) =>
        withStore(context, options.json, async (store) => {
          const requests = await store.list({ state: options.state });
          const policy = options.overdue ? (await directoryOf(options.directory)).followUp : undefined;
          const now = options.asOf === undefined ? new Date() : new Date(`${options.asOf}T00:00:00Z`);
          const listed = requests
            .map((request) => ({ request, overdue: policy && overdueOf(request, policy, now) }))
            .filter(({ overdue }) => policy === undefined || overdue !== undefined);
          if (options.json) {
            return print({
              requests: listed.map(({ request, overdue }) => ({
                ...request,
                ...(overdue ? { overdue } : {}),
              })),
            });
          }
          for (const { request, overdue } of listed) printRequestLine(request, overdue);
          const asOf = options.overdue && options.asOf ? ` on ${options.asOf}` : '';
          const auJour = options.overdue && options.asOf ? ` le ${options.asOf}` : '';
          say(
            `${counted(listed.length, 'request', 'requests')}${options.overdue ? ' overdue' : ''}${asOf}`,
            `${counted(listed.length, 'demande', 'demandes')}${options.overdue ? ' en retard' : ''}${auJour}`,
          );
        }),
    );

  judicial
    .command('show')
    .description(
      'one request: its parties, its whole history (who moved it, when, why, on what grounds), its transport receipts, reminders and linked Interpol notices (what the gateway knows of each, the subject arrested); exit 1 when unknown\n' +
        'une demande : ses parties, tout son historique (qui, quand, pourquoi, pour quels motifs), ses accusés de transport, relances et notices Interpol liées (ce que la passerelle en sait, la personne arrêtée) ; code 1 si inconnue',
    )
    .argument('<requestId>', 'the request id / l’identifiant de la demande')
    .option(...JSON_OPTION)
    .action((requestId: string, options: { json?: boolean }) =>
      withStore(context, options.json, async (store) => {
        const request = await store.find(requestId);
        if (request === undefined) {
          throw new JudicialError(JudicialErrorCode.RequestUnknown, `no judicial request ${requestId}`);
        }
        const notices = await noticeStandingsOf(context.config, store, request);
        if (options.json) return print({ request, notices });
        printRequest(request, notices);
      }),
    );

  judicial
    .command('remind')
    .description(
      'fires the reminders that are due now (no move for the delay of the kind and urgency), as the judicial adapter does on its clock; each fires once, is journaled (reminded) and recorded, a new move re-arms it; needs the broker\n' +
        'déclenche les relances dues (aucun mouvement pendant le délai de la nature et de l’urgence), comme l’adaptateur judiciaire le fait sur son horloge ; chacune une seule fois, journalisée (reminded) et enregistrée, un nouveau mouvement la réarme ; demande le broker',
    )
    .option(...DIRECTORY_OPTION)
    .option(...JSON_OPTION)
    .action((options: { directory?: string; json?: boolean }) =>
      withStore(context, options.json, async (store) => {
        const policy = (await directoryOf(options.directory)).followUp;
        // Journaled like the judicial adapter's clock does (stage reminded), before it is recorded.
        const { amqp, topology } = await context.broker();
        const journal = new JournalEmitter(amqp, topology, CLI_APP).as(JUDICIAL_FOLLOW_UP_APP);
        const facts = await fireDueReminders(
          { store, policy, emit: (stages) => journal.emit(stages), runBy: CLI_APP },
          new Date(),
        );
        const fired = facts.map((fact) => fact.reminder);
        if (options.json) return print({ fired });
        for (const reminder of fired) {
          say(
            `  ${reminder.requestId}: ${reminder.state}, no move for ${counted(reminder.days, 'day', 'days')} or more (due ${reminder.dueAt})`,
            `  ${reminder.requestId} : ${reminder.state}, aucun mouvement depuis ${counted(reminder.days, 'jour', 'jours')} ou plus (échéance ${reminder.dueAt})`,
          );
        }
        say(
          `${counted(fired.length, 'reminder', 'reminders')} fired`,
          `${counted(fired.length, 'relance déclenchée', 'relances déclenchées')}`,
        );
      }),
    );

  judicial
    .command('stats')
    .description(
      'per pair of states: requests by state, median days to acknowledge and to execute, refusals by ground; --csv for a spreadsheet\n' +
        'par couple d’États : demandes par état, délais médians d’accusé et d’exécution en jours, refus par motif ; --csv pour un tableur',
    )
    .option('--csv', 'CSV (RFC 4180) on stdout / CSV (RFC 4180) sur la sortie')
    .option(
      '--since <YYYY-MM-DD>',
      'only requests submitted on or after this day (UTC) / seulement les demandes transmises ce jour ou après',
      dayArgument,
    )
    .option(
      '--until <YYYY-MM-DD>',
      'only requests submitted on or before this day (UTC) / seulement les demandes transmises ce jour ou avant',
      dayArgument,
    )
    .option(...JSON_OPTION)
    .action((options: { csv?: boolean; json?: boolean } & StatsPeriod) =>
      withStore(context, options.json, async (store) => {
        const period = { since: options.since, until: options.until };
        const stats = judicialStats((await store.list()).filter((request) => submittedIn(request, period)));
        if (options.json) return print({ pairs: stats });
        if (options.csv) {
          process.stdout.write(statsCsv(stats));
          return;
        }
        for (const pair of stats) printPairStats(pair);
        say(
          `${counted(stats.length, 'pair of states', 'pairs of states')}`,
          `${counted(stats.length, 'couple d’États', 'couples d’États')}`,
        );
      }),
    );
}

/** A real calendar day: 2026-02-30 would silently become 2 March. */
function dayArgument(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(time) ||
    new Date(time).toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError('a day as YYYY-MM-DD / un jour au format AAAA-MM-JJ');
  }
  return value;
}

function stateArgument(value: string): JudicialState {
  const state = value.toUpperCase();
  if (!isJudicialState(state)) {
    throw new InvalidArgumentError(`not a state / pas un état : ${JUDICIAL_STATES.join(', ')}`);
  }
  return state;
}

async function withStore(
  context: CliContext,
  json: boolean | undefined,
  use: (store: JudicialStore) => Promise<void>,
): Promise<void> {
  let store: JudicialStore | undefined;
  try {
    store = await judicialStoreFromConfig(context.config);
    await use(store);
  } catch (error: unknown) {
    if (!(error instanceof JudicialError)) throw error;
    process.exitCode = 1;
    if (json) return print({ error: error.code, message: error.message, issues: error.issues });
    const [english, french] = hintOf(error.code);
    process.stderr.write(`${error.code}: ${error.message}\n  EN: ${english}\n  FR: ${french}\n`);
  } finally {
    await store?.close();
  }
}

/** What to do next; the directory's codes (it is read for the follow-up delays) point at its check. */
function hintOf(code: JudicialErrorCode): [string, string] {
  if (code === JudicialErrorCode.RequestUnknown) {
    return ['see the requests with: pcms judicial list', 'voyez les demandes : pcms judicial list'];
  }
  if (code === JudicialErrorCode.StoreConfigInvalid || code === JudicialErrorCode.StoreMigrationFailed) {
    return [
      "check journal.* in the configuration: the requests live in the journal's database",
      'vérifiez journal.* dans la configuration : les demandes sont dans la base du journal',
    ];
  }
  if (code === JudicialErrorCode.PayloadUnreadable) {
    return [
      'journal.payloads.keyFile is not the key the request was sealed with, or its row was altered',
      'journal.payloads.keyFile n’est pas la clé qui a scellé la demande, ou sa ligne a été modifiée',
    ];
  }
  return [
    'check the directory with: pcms directory validate',
    'vérifiez l’annuaire : pcms directory validate',
  ];
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
