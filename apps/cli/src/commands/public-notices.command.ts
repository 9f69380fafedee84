import type { Command } from 'commander';
import { JournalEmitter } from '@pcms/journal-emitter';
import { createLogger } from '@pcms/logging';
import {
  AmqpInboundOutlet,
  errorCodeOf,
  PublicNoticesError,
  PublicNoticesErrorCode,
  pollUnderLease,
  publicNoticesFromConfig,
  type ForwardOutcome,
  type ForwardResult,
  type PollSummary,
  type PublicNoticesRuntime,
} from '@pcms/public-notices';
import { MappingRegistry, Translator, type InterpolNoticeKind } from '@pcms/translation';
import { CmsSigner, PkiStore } from '@pcms/trust';
import { Redis } from 'ioredis';
import { readFile } from 'node:fs/promises';
import { say, type CliContext } from '../cli.context';

const KINDS: readonly InterpolNoticeKind[] = ['red', 'yellow', 'un'];

export function registerPublicNoticesCommands(program: Command, context: CliContext): void {
  const command = program
    .command('public-notices')
    .description(
      "Interpol's public notices (red, yellow, UN) into PCMS / les notices publiques d'Interpol vers PCMS",
    );

  command
    .command('import')
    .description(
      'forward detail documents (JSON files) as the poller does: new or changed, concerning the G5\n' +
        'transmet des documents de détail (fichiers JSON) comme la relève : nouveaux ou modifiés, concernant le G5',
    )
    .argument('<files...>', 'detail documents / documents de détail')
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      await withRuntime(context, options, async (runtime) => {
        const results: ImportResult[] = [];
        // One file at a time, each on its own: a bad file is reported and the next one still goes.
        for (const file of files) results.push(await importFile(runtime, file));
        const failed = results.filter((result) => 'code' in result).length;
        if (options.json) process.stdout.write(`${JSON.stringify({ results, failed })}\n`);
        else {
          for (const result of results) printImport(result);
          say(
            `${results.length - failed} read, ${failed} refused`,
            `${results.length - failed} lus, ${failed} refusés`,
          );
        }
        if (failed > 0) process.exitCode = 1;
      });
    });

  command
    .command('poll')
    .description(
      'poll the configured service now (publicNotices.baseUrl), whether or not the adapter polls it\n' +
        'relève le service configuré maintenant (publicNotices.baseUrl), que l’adaptateur le relève ou non',
    )
    .option('--once', 'one poll of each kind, then exit / une relève par type, puis fin')
    .option('--kind <kind...>', `only these kinds (${KINDS.join(', ')}) / seulement ces types`)
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (options: { once?: boolean; kind?: string[]; json?: boolean }) => {
      const kinds = options.kind ?? context.config.publicNotices.kinds;
      const unknown = kinds.filter((kind) => !KINDS.includes(kind as InterpolNoticeKind));
      if (!options.once || unknown.length > 0) {
        say(
          unknown.length > 0
            ? `Unknown kind(s): ${unknown.join(', ')} (known: ${KINDS.join(', ')}).`
            : 'Give --once: the I-24/7 adapter polls on schedule when publicNotices.enabled is true.',
          unknown.length > 0
            ? `Type(s) inconnu(s) : ${unknown.join(', ')} (connus : ${KINDS.join(', ')}).`
            : 'Donnez --once : l’adaptateur I-24/7 relève selon le calendrier quand publicNotices.enabled vaut true.',
        );
        process.exitCode = 2;
        return;
      }
      await withRuntime(context, options, async (runtime, redis) => {
        const summaries: PollSummary[] = [];
        // The adapters' lease: a kind an adapter is polling now is left to it (issue 12).
        const busy: InterpolNoticeKind[] = [];
        for (const kind of kinds as InterpolNoticeKind[]) {
          const summary = await pollUnderLease(redis, context.config.redis.keyPrefix, kind, () =>
            runtime.poller.poll(kind),
          );
          if (summary) summaries.push(summary);
          else busy.push(kind);
        }
        const failed = summaries.reduce((sum, summary) => sum + summary.failed, 0);
        if (options.json) process.stdout.write(`${JSON.stringify({ summaries, failed, busy })}\n`);
        else {
          for (const kind of busy) {
            say(
              `${kind}: not polled, an I-24/7 adapter is polling it now; its notices are forwarded by that poll (run again later to see a summary)`,
              `${kind} : non relevé, un adaptateur I-24/7 le relève en ce moment ; ses notices sont transmises par cette relève (relancez plus tard pour un résumé)`,
            );
          }
          for (const s of summaries) {
            say(
              `${s.kind}: ${s.pages} page(s), ${s.notices} notice(s): ${s.forwarded} forwarded, ${s.unchanged} unchanged, ${s.notConcerned} not concerning the G5, ${s.failed} failed, ${s.unreachable} counted by the service but unreachable by its filters`,
              `${s.kind} : ${s.pages} page(s), ${s.notices} notice(s) : ${s.forwarded} transmise(s), ${s.unchanged} inchangée(s), ${s.notConcerned} hors G5, ${s.failed} en échec, ${s.unreachable} comptée(s) par le service mais inaccessible(s) par ses filtres`,
            );
          }
        }
        if (failed > 0) process.exitCode = 1;
      });
    });
}

type ImportResult = (ForwardResult & { file: string }) | { file: string; code: string; reason: string };

const OUTCOME_IN_FRENCH: Record<ForwardOutcome, string> = {
  forwarded: 'transmise',
  unchanged: 'inchangée',
  'not-concerned': 'hors G5',
};

async function importFile(runtime: PublicNoticesRuntime, file: string): Promise<ImportResult> {
  try {
    const document = await readFile(file).catch((error: unknown) => {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.FileUnreadable,
        `cannot read ${file} (${errorCodeOf(error)})`,
        { cause: error },
      );
    });
    return { file, ...(await runtime.forwarder.forward(document, { source: 'file', location: file })) };
  } catch (error: unknown) {
    return { file, code: errorCodeOf(error), reason: error instanceof Error ? error.message : String(error) };
  }
}

function printImport(result: ImportResult): void {
  if ('code' in result) {
    const unreadable = result.code === String(PublicNoticesErrorCode.FileUnreadable);
    say(
      `✗ ${result.file}: ${result.code} ${result.reason}`,
      unreadable
        ? `illisible : ${result.file} (${result.code})`
        : `refusé : ${result.file} n’est pas un document de notice publique valide (${result.code})`,
    );
    return;
  }
  const sent = result.messageId ? ` → ${result.messageId}` : '';
  process.stdout.write(
    `✓ ${result.file}: ${result.kind} ${result.entityId} ${result.outcome} / ${OUTCOME_IN_FRENCH[result.outcome]}${sent}\n`,
  );
}

/** The forwarder and poller the adapter runs, built here with the gateway's key from the PKI. */
async function withRuntime(
  context: CliContext,
  options: { json?: boolean },
  run: (runtime: PublicNoticesRuntime, redis: Redis) => Promise<void>,
): Promise<void> {
  const config = context.config;
  const mappings = new MappingRegistry();
  await mappings.loadDirectory(config.paths.mappings);
  const { amqp, topology } = await context.broker();
  const signer = new CmsSigner(PkiStore.open(config.paths.pki).credential('GATEWAY'));
  const journal = new JournalEmitter(amqp, topology, 'cli', {
    keepPayloads: config.journal.payloads.keep === 'encrypted',
  });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2, connectionName: 'pcms-cli' });
  // Progress goes to stderr, so that --json output stays one document on stdout; through
  // process.stderr (not fd 2 directly), so that whoever runs the command in-process receives it.
  const logger = createLogger('cli', options.json ? 'warn' : 'info', process.stderr);
  try {
    await run(
      publicNoticesFromConfig(config, {
        translator: new Translator(mappings),
        redis,
        outlet: new AmqpInboundOutlet(amqp, topology, signer, journal),
        logger,
      }),
      redis,
    );
  } finally {
    redis.disconnect();
  }
}
