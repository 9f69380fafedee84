import type { Command } from 'commander';
import { DeadLetterDesk, DeadLettersError, type DeliveryRequeue } from '@pcms/dead-letters';
import { DeliveryQueue } from '@pcms/delivery';
import { JournalEmitter } from '@pcms/journal-emitter';
import { judicialRequeueFromConfig } from '@pcms/judicial';
import { counted, say, type CliContext } from '../cli.context';

/** The app name the journal records for what an operator does from the command line. */
const CLI_APP = 'pcms-cli';

/** `dlq list|replay|discard`: the dead-letter queue as an operator handles it. */
export function registerDlqCommands(program: Command, context: CliContext): void {
  const dlq = program
    .command('dlq')
    .description('dead letters: list, replay, discard / lettres mortes : lister, rejouer, écarter');

  dlq
    .command('list')
    .description(
      'the newest dead letters first, left in place, and how many older: id, code, reason, stage, time, origin\nles lettres mortes les plus récentes d’abord, laissées en place, et combien de plus anciennes : id, code, raison, étape, heure, origine',
    )
    .option('--limit <n>', 'at most this many / au plus ce nombre', '20')
    .option('--json', 'machine-readable output / sortie JSON')
    .action((options: { limit: string; json?: boolean }) =>
      withDesk(context, false, async (desk) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) {
          say('--limit: a positive integer', '--limit : un entier positif');
          process.exitCode = 1;
          return;
        }
        const { total, letters } = await desk.list(limit);
        if (options.json) return print({ total, shown: letters.length, letters });
        const older = total - letters.length;
        say(
          `${counted(total, 'dead letter', 'dead letters')}, newest first${older > 0 ? `: ${letters.length} shown, ${older} older not shown (--limit)` : ''}`,
          `${counted(total, 'lettre morte', 'lettres mortes')}, les plus récentes d’abord${older > 0 ? ` : ${letters.length} affichées, ${older} plus anciennes non affichées (--limit)` : ''}`,
        );
        for (const l of letters) {
          process.stdout.write(
            `  ${l.failedAt ?? '?'}  ${l.messageId ?? '-'}  ${l.stage ?? '-'}/${l.code ?? '-'}  from ${l.originalQueue ?? '?'} (${l.originalRoutingKey ?? '-'})\n    ${l.reason ?? ''}\n`,
          );
        }
      }),
    );

  dlq
    .command('replay')
    .description(
      'sends a dead letter back where it failed (a delivery: queued again), then removes it; journalled\nrenvoie une lettre morte là où elle a échoué (une livraison : remise en file), puis la retire ; journalisé',
    )
    .argument('<messageId>', 'the message id / identifiant du message')
    .requiredOption('--operator <id>', 'who replays it, for the journal / qui la rejoue, pour le journal')
    .option('--json', 'machine-readable output / sortie JSON')
    .action((messageId: string, options: { operator: string; json?: boolean }) =>
      withDesk(context, true, async (desk) => {
        const result = await refusals(options.json, () => desk.replay(messageId, options.operator));
        if (!result) return;
        if (options.json) return print(result);
        say(
          `Replayed ${messageId} (was ${result.code ?? '-'}) to ${result.to}`,
          `Rejoué ${messageId} (était ${result.code ?? '-'}) vers ${result.to}`,
        );
      }),
    );

  dlq
    .command('discard')
    .description(
      'removes a dead letter for good; the reason and the operator are journalled\nretire définitivement une lettre morte ; la raison et l’opérateur sont journalisés',
    )
    .argument('<messageId>', 'the message id / identifiant du message')
    .requiredOption('--reason <text>', 'why, for the journal / pourquoi, pour le journal')
    .requiredOption('--operator <id>', 'who discards it, for the journal / qui l’écarte, pour le journal')
    .option('--json', 'machine-readable output / sortie JSON')
    .action((messageId: string, options: { reason: string; operator: string; json?: boolean }) =>
      withDesk(context, false, async (desk) => {
        const result = await refusals(options.json, () =>
          desk.discard(messageId, options.reason, options.operator),
        );
        if (!result) return;
        if (options.json) return print(result);
        say(`Discarded ${messageId}: ${options.reason}`, `Écarté ${messageId} : ${options.reason}`);
      }),
    );
}

/** A desk on the CLI's broker connection; the delivery queue only for a replay, closed after. */
async function withDesk(
  context: CliContext,
  withDeliveries: boolean,
  use: (desk: DeadLetterDesk) => Promise<void>,
): Promise<void> {
  const { amqp, topology } = await context.broker();
  const deliveries = withDeliveries ? DeliveryQueue.fromConfig(context.config) : undefined;
  const requeue: DeliveryRequeue | undefined = deliveries && ((job) => deliveries.enqueue(job));
  // A judicial delivery goes back to the judicial adapter's queue, to the endpoint the directory names now.
  const judicial = withDeliveries ? judicialRequeueFromConfig(context.config) : undefined;
  const journal = new JournalEmitter(amqp, topology, CLI_APP);
  try {
    await use(new DeadLetterDesk(amqp, topology, journal, requeue, judicial?.requeue));
  } finally {
    await deliveries?.close();
    await judicial?.close();
  }
}

/** A coded refusal is an answer (exit 1, code printed), not a crash. */
async function refusals<T>(json: boolean | undefined, act: () => Promise<T>): Promise<T | undefined> {
  try {
    return await act();
  } catch (error: unknown) {
    if (!(error instanceof DeadLettersError)) throw error;
    process.exitCode = 1;
    if (json) print({ error: error.code, detail: error.detail });
    else say(`Refused: ${error.message}`, `Refusé : ${error.code}`);
    return undefined;
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
