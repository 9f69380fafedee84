import type { Command } from 'commander';
import { businessKeyIndexFromConfig } from '@pcms/business-keys';
import {
  isJournalStage,
  journalStoreFromConfig,
  type JournalTraceEntry,
  type JournalSearch,
  type JournalStore,
} from '@pcms/journal';
import { counted, say, type CliContext } from '../cli.context';
import { registerPayloadCommand } from './journal-payload.command';

/**
 * `trace`, `search`, `payload` and `audit verify`: what the journal says about messages, and
 * whether it was altered.
 */
export function registerJournalCommands(program: Command, context: CliContext): void {
  program
    .command('trace')
    .description(
      'the timeline of one message: time, app, stage and details of every stage; then the messages correlated with that id (a judicial request id: its request, statuses and linked notices)\n' +
        'la chronologie d’un message : heure, application, étape et détails de chaque étape ; puis les messages corrélés à cet identifiant (une demande judiciaire : sa demande, ses statuts et notices liées)',
    )
    .argument(
      '<messageId>',
      'the message id, or a correlation id / identifiant du message, ou de corrélation',
    )
    .option(
      '--json',
      'machine-readable output: the entries of the message / sortie JSON : les entrées du message',
    )
    .action((messageId: string, options: { json?: boolean }) =>
      withStore(context, async (store) => {
        const entries = await store.trace(messageId);
        if (options.json) return print(entries);
        // A judicial request's life is many messages correlated by its id (issue 15).
        const correlated = (await store.search({ correlationId: messageId })).filter(
          (hit) => hit.messageId !== messageId,
        );
        if (entries.length === 0 && correlated.length === 0) {
          say(`No journal entry for ${messageId}`, `Aucune entrée du journal pour ${messageId}`);
          process.exitCode = 1;
          return;
        }
        if (entries.length > 0) {
          say(
            `Message ${messageId}: ${entries.length} stages`,
            `Message ${messageId} : ${entries.length} étapes`,
          );
          for (const entry of entries) process.stdout.write(`${timelineLine(entry)}\n`);
        }
        if (correlated.length > 0) {
          say(
            `Messages correlated with ${messageId} (${correlated.length}), oldest first: pcms trace <messageId> for each`,
            `Messages corrélés à ${messageId} (${correlated.length}), les plus anciens d’abord : pcms trace <messageId> pour chacun`,
          );
          for (const hit of [...correlated].sort((a, b) => a.firstAt.localeCompare(b.firstAt))) {
            process.stdout.write(
              `  ${hit.firstAt}  ${hit.messageId}  ${hit.lastStage.padEnd(15)} ${hit.sender ?? '-'} ${hit.type ?? '-'}\n`,
            );
          }
        }
      }),
    );

  program
    .command('search')
    .description(
      'messages by sender, type, current stage, date, correlation or business key, most recent first\nmessages par émetteur, type, étape actuelle, date, corrélation ou clé métier, les plus récents d’abord',
    )
    .option('--sender <id>', 'sending party, e.g. NP-ML / partie émettrice, ex. NP-ML')
    .option('--type <type>', 'message type, e.g. person.wanted / type de message')
    .option('--stage <stage>', 'current (latest) stage, e.g. rejected / étape actuelle (la dernière)')
    .option('--since <time>', 'ISO 8601 date or time / date ou heure ISO 8601')
    .option('--until <time>', 'ISO 8601 date or time / date ou heure ISO 8601')
    .option('--correlation <id>', 'correlation id / identifiant de corrélation')
    .option(
      '--key <text>',
      'a person’s name in any transliteration, a notice id or a warrant reference / un nom de personne quelle que soit sa translittération, un numéro de notice ou une référence de mandat',
    )
    .option('--limit <n>', 'at most this many messages / au plus ce nombre de messages', '100')
    .option('--json', 'machine-readable output / sortie JSON')
    .action((options: SearchOptions) =>
      withStore(context, async (store) => {
        const filter = searchFilter(options);
        if (!filter) return;
        const hits = await store.search(
          options.key === undefined
            ? filter
            : { ...filter, messageIds: await messagesByKey(context, options.key) },
        );
        if (options.json) return print(hits);
        say(counted(hits.length, 'message', 'messages'), counted(hits.length, 'message', 'messages'));
        for (const hit of hits) {
          process.stdout.write(
            `  ${hit.lastAt}  ${hit.messageId}  ${hit.lastStage.padEnd(13)} ${hit.sender ?? '-'} ${hit.type ?? '-'}${hit.correlationId ? ` corr=${hit.correlationId}` : ''}\n`,
          );
        }
      }),
    );

  registerPayloadCommand(program, (use) => withStore(context, use));

  program
    .command('audit')
    .description('tamper evidence of the journal / preuve d’intégrité du journal')
    .command('verify')
    .description(
      'walks the hash chain; exit 1 naming the first entry that does not match\nparcourt la chaîne de hachage ; code 1 en nommant la première entrée qui ne correspond pas',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .action((options: { json?: boolean }) =>
      withStore(context, async (store) => {
        const verdict = await store.verifyChain();
        if (!verdict.ok) process.exitCode = 1;
        if (options.json) return print(verdict);
        if (verdict.ok) {
          say(
            `Journal intact: ${verdict.entries} entries, head ${verdict.headHash ?? '-'}`,
            `Journal intact : ${verdict.entries} entrées, tête ${verdict.headHash ?? '-'}`,
          );
        } else {
          say(
            `Journal altered: entry ${verdict.firstBadSeq} does not match (${verdict.reason ?? 'hash'})`,
            `Journal altéré : l’entrée ${verdict.firstBadSeq} ne correspond pas (${verdict.reason ?? 'hash'})`,
          );
        }
      }),
    );
}

interface SearchOptions {
  sender?: string;
  type?: string;
  stage?: string;
  since?: string;
  until?: string;
  correlation?: string;
  key?: string;
  limit: string;
  json?: boolean;
}

/** The messages the business-key index finds for this text (`@pcms/business-keys`); then the other filters apply. */
async function messagesByKey(context: CliContext, text: string): Promise<string[]> {
  const index = await businessKeyIndexFromConfig(context.config);
  try {
    return await index.find(text);
  } finally {
    await index.close();
  }
}

/** One line of a timeline: time, app, stage, the details as key=value, then what became of the payload. */
export function timelineLine(entry: JournalTraceEntry): string {
  const details = Object.entries(entry.details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `  ${entry.at}  ${entry.app.padEnd(14)} ${entry.stage.padEnd(13)} ${details}${payloadNote(entry)}`;
}

function payloadNote(entry: JournalTraceEntry): string {
  switch (entry.payloadStatus) {
    case undefined:
      return '';
    case 'kept':
      return ` payload=kept(${entry.payloadContentType ?? '?'})`;
    case 'purged':
      return ` payload=purged(${entry.payloadPurgedAt ?? '?'})`;
    case 'not-kept':
      return ' payload=not-kept';
  }
}

/** The store's filter, or undefined after saying which option is wrong (exit 1). */
function searchFilter(options: SearchOptions): JournalSearch | undefined {
  const refuse = (english: string, french: string): undefined => {
    say(english, french);
    process.exitCode = 1;
    return undefined;
  };
  if (options.stage !== undefined && !isJournalStage(options.stage)) {
    return refuse(`--stage: unknown stage ${options.stage}`, `--stage : étape inconnue ${options.stage}`);
  }
  const since = options.since === undefined ? undefined : new Date(options.since);
  const until = options.until === undefined ? undefined : new Date(options.until);
  if ((since && Number.isNaN(since.getTime())) || (until && Number.isNaN(until.getTime()))) {
    return refuse('--since/--until: not an ISO 8601 time', '--since/--until : pas une heure ISO 8601');
  }
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    return refuse('--limit: a positive integer', '--limit : un entier positif');
  }
  return {
    ...(options.sender ? { sender: options.sender } : {}),
    ...(options.type ? { type: options.type } : {}),
    ...(options.stage && isJournalStage(options.stage) ? { stage: options.stage } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(options.correlation ? { correlationId: options.correlation } : {}),
    limit,
  };
}

async function withStore(context: CliContext, use: (store: JournalStore) => Promise<void>): Promise<void> {
  const store = await journalStoreFromConfig(context.config);
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
