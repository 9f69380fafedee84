import type { Command } from 'commander';
import type { JournalStore, JournalTraceEntry } from '@pcms/journal';
import { say } from '../cli.context';

/**
 * `payload <messageId>`: the bytes the journal kept of one message (the signed envelope as
 * submitted, or the notice as the peer sent it), decrypted for an operator; raw on stdout so that
 * it can be redirected to a file, or as JSON (base64) with `--json`.
 */
export function registerPayloadCommand(
  program: Command,
  withStore: (use: (store: JournalStore) => Promise<void>) => Promise<void>,
): void {
  program
    .command('payload')
    .description(
      'the kept bytes of one message (decrypted), raw on stdout; exit 1 when not kept or purged\n' +
        'les octets conservés d’un message (déchiffrés), bruts sur la sortie ; code 1 s’ils ne sont pas conservés ou sont purgés',
    )
    .argument('<messageId>', 'the message id / identifiant du message')
    .option('--json', 'machine-readable output, bytes in base64 / sortie JSON, octets en base64')
    .action((messageId: string, options: { json?: boolean }) =>
      withStore(async (store) => {
        const withPayload = (await store.trace(messageId)).filter((e) => e.payloadStatus !== undefined);
        const kept = withPayload.filter((e) => e.payloadStatus === 'kept');
        const payloads: { entry: JournalTraceEntry; bytes: Buffer }[] = [];
        for (const entry of kept) {
          const bytes = await store.payloadOf(entry.eventId);
          if (bytes) payloads.push({ entry, bytes });
        }
        if (payloads.length === 0) process.exitCode = 1;
        if (options.json) {
          const shown = withPayload.map((entry) => ({
            eventId: entry.eventId,
            stage: entry.stage,
            app: entry.app,
            contentType: entry.payloadContentType,
            digest: entry.payloadDigest,
            status: entry.payloadStatus,
            ...(entry.payloadPurgedAt ? { purgedAt: entry.payloadPurgedAt } : {}),
            base64: payloads.find((p) => p.entry.eventId === entry.eventId)?.bytes.toString('base64'),
          }));
          process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
          return;
        }
        const [first] = payloads;
        if (first) {
          process.stdout.write(first.bytes);
          return;
        }
        explainMissing(messageId, withPayload);
      }),
    );
}

function explainMissing(messageId: string, withPayload: JournalTraceEntry[]): void {
  const purged = withPayload.find((e) => e.payloadStatus === 'purged');
  if (purged) {
    say(
      `The payload of ${messageId} was purged on ${purged.payloadPurgedAt ?? '?'} (retention); its digest ${purged.payloadDigest ?? '-'} stays`,
      `La charge utile de ${messageId} a été purgée le ${purged.payloadPurgedAt ?? '?'} (rétention) ; son empreinte ${purged.payloadDigest ?? '-'} reste`,
    );
    return;
  }
  say(
    `No payload kept for ${messageId} (journal.payloads.keep: none, or no such message)`,
    `Aucune charge utile conservée pour ${messageId} (journal.payloads.keep : none, ou message inconnu)`,
  );
}
