import type { Command } from 'commander';
import { QueueStats } from '@pcms/messaging';
import { say, type CliContext } from '../cli.context';

export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command('status')
    .description(
      'queues, their depth and consumers, and the last dead letters\nfiles, profondeur, consommateurs et dernières lettres mortes',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .option('--dead-letters <n>', 'how many dead letters to show / combien de lettres mortes afficher', '10')
    .action(async (options: { json?: boolean; deadLetters: string }) => {
      const { amqp, topology } = await context.broker();
      const stats = new QueueStats(amqp, topology.declaration.deadLetterQueue);
      const queues = await stats.queueDepths(topology.declaration.queues.map((queue) => queue.name));
      const letters = await stats.peekDeadLetters(Number(options.deadLetters));
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ queues, deadLetters: letters.map(({ body: _body, headers: _headers, ...rest }) => rest) }, null, 2)}\n`,
        );
        return;
      }
      say('Queues (depth, consumers):', 'Files (profondeur, consommateurs) :');
      for (const queue of queues) {
        process.stdout.write(
          `  ${queue.queue.padEnd(40)} ${String(queue.messageCount).padStart(7)} ${String(queue.consumerCount).padStart(4)}\n`,
        );
      }
      say(`Dead letters (latest ${letters.length}):`, `Lettres mortes (${letters.length} dernières) :`);
      for (const letter of letters) {
        process.stdout.write(
          `  ${letter.failedAt ?? '?'} ${letter.messageId ?? '-'} ${letter.stage}/${letter.code}: ${letter.reason}\n`,
        );
      }
    });
}
