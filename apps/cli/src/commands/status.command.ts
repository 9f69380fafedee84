import type { Command } from 'commander';
import { listDeadLetters } from '@pcms/dead-letters';
import { QueueStats } from '@pcms/messaging';
import { pkiStatus, type PkiStatus } from '@pcms/revocation';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { say, type CliContext } from '../cli.context';
import { holdCounts, printHoldCounts } from './hold.command';
import { printMappingStatuses, readMappingStatuses } from './mapping-status';

export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command('status')
    .description(
      'queues, their depth and consumers, the last dead letters, certificates and revocation list\nfiles, profondeur, consommateurs, dernières lettres mortes, certificats et liste de révocation',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .option('--dead-letters <n>', 'how many dead letters to show / combien de lettres mortes afficher', '10')
    .action(async (options: { json?: boolean; deadLetters: string }) => {
      const { amqp, topology } = await context.broker();
      const stats = new QueueStats(amqp, topology.declaration.deadLetterQueue);
      const queues = await stats.queueDepths(topology.declaration.queues.map((queue) => queue.name));
      const { total: deadLettersTotal, letters } = await listDeadLetters(
        amqp,
        topology.declaration.deadLetterQueue,
        Number(options.deadLetters),
      );
      const pki = readPkiStatus(context);
      const mappings = await readMappingStatuses(context.config);
      const holds = await holdCounts(context);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ queues, deadLetters: letters, deadLettersTotal, pki, mappings, holds }, null, 2)}\n`,
        );
        return;
      }
      say('Queues (depth, consumers):', 'Files (profondeur, consommateurs) :');
      for (const queue of queues) {
        process.stdout.write(
          `  ${queue.queue.padEnd(40)} ${String(queue.messageCount).padStart(7)} ${String(queue.consumerCount).padStart(4)}\n`,
        );
      }
      say(
        `Dead letters (latest ${letters.length} of ${deadLettersTotal}):`,
        `Lettres mortes (${letters.length} dernières sur ${deadLettersTotal}) :`,
      );
      for (const letter of letters) {
        process.stdout.write(
          `  ${letter.failedAt ?? '?'} ${letter.messageId ?? '-'} ${letter.stage}/${letter.code}: ${letter.reason}\n`,
        );
      }
      printPkiStatus(pki);
      printMappingStatuses(mappings);
      printHoldCounts(holds);
    });
}

/** `null` when the configured folder holds no PKI yet (`pki init` not run). */
function readPkiStatus(context: CliContext): PkiStatus | null {
  const { paths, pki } = context.config;
  const caFile = join(paths.pki, 'ca.crt');
  if (!existsSync(caFile)) return null;
  return pkiStatus(paths.pki, readFileSync(caFile, 'utf8'), pki.expiryWarningDays);
}

function printPkiStatus(pki: PkiStatus | null): void {
  if (!pki) {
    say('Certificates: no PKI (run pki init)', 'Certificats : aucune PKI (lancer pki init)');
    return;
  }
  say(
    `Certificates (days to expiry, ! within ${pki.warningDays} days):`,
    `Certificats (jours avant expiration, ! sous ${pki.warningDays} jours) :`,
  );
  // The judicial directory's authorities (46 in the development PKI) are summed up in one line;
  // one of them revoked or expiring is listed like every other certificate.
  const authorities = pki.certificates.filter((certificate) => certificate.role === 'authority');
  for (const certificate of pki.certificates) {
    const flag = certificate.revoked ? 'revoked/révoqué' : certificate.expiring ? '!' : '';
    if (certificate.role === 'authority' && flag === '') continue;
    process.stdout.write(
      `  ${certificate.id.padEnd(12)} ${certificate.serial.padEnd(34)} ${String(certificate.daysToExpiry).padStart(6)} ${flag}\n`,
    );
  }
  if (authorities.length > 0) {
    const earliest = Math.min(...authorities.map((certificate) => certificate.daysToExpiry));
    say(
      `  ${authorities.length} judicial authorities (role authority), the first to expire in ${earliest} days: pcms pki list shows each`,
      `  ${authorities.length} autorités judiciaires (rôle authority), la première expire dans ${earliest} jours : pcms pki list les montre toutes`,
    );
  }
  const list = pki.revocationList;
  switch (list.state) {
    case 'absent':
      say('Revocation list: none published', 'Liste de révocation : aucune publiée');
      return;
    case 'refused':
      say(`Revocation list: refused (${list.code})`, `Liste de révocation : refusée (${list.code})`);
      return;
    case 'loaded': {
      const next = list.nextUpdate ?? '-';
      const stale = list.stale ? ' (stale / périmée)' : '';
      say(
        `Revocation list: ${list.revokedCount} revoked, this update ${list.thisUpdate}, next update ${next}${stale}`,
        `Liste de révocation : ${list.revokedCount} révoqués, émise ${list.thisUpdate}, prochaine ${next}${stale}`,
      );
      return;
    }
  }
}
