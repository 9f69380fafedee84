import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  isPlatformId,
  PLATFORM_IDS,
  validateEnvelope,
  type PcmsEnvelope,
  type PlatformId,
} from '@pcms/envelope';
import { PlatformClient } from '@pcms/platform-client';
import { PkiStore } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { say, type CliContext } from '../cli.context';

function platformOption(value: string): PlatformId {
  if (!isPlatformId(value)) {
    throw new InvalidArgumentError(`one of / l'une de : ${PLATFORM_IDS.join(', ')}`);
  }
  return value;
}

export function registerSendCommand(program: Command, context: CliContext): void {
  program
    .command('send')
    .description(
      'sign a PCMS envelope (JSON file) with a platform certificate and submit it over AMQP\n' +
        'signe une enveloppe PCMS (fichier JSON) avec le certificat d’une plateforme et la soumet par AMQP',
    )
    .argument('<file>', 'envelope JSON / enveloppe JSON')
    .requiredOption(
      '--as <platform>',
      `submitting platform / plateforme émettrice (${PLATFORM_IDS.join(', ')})`,
      platformOption,
    )
    .option('--new-id', 'give it a fresh id and creation time / nouvel identifiant et nouvelle date')
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (file: string, options: { as: PlatformId; newId?: boolean; json?: boolean }) => {
      const envelope = JSON.parse(readFileSync(file, 'utf8')) as PcmsEnvelope;
      if (options.newId) Object.assign(envelope, { id: randomUUID(), createdAt: new Date().toISOString() });
      const check = validateEnvelope(envelope);
      if (!check.ok && !options.json) {
        // Submitted all the same: the gateway quarantines it with these reasons, which is the point of a test.
        say(
          'Warning: the envelope is invalid; the gateway will quarantine it:',
          'Attention : enveloppe invalide, la passerelle la mettra en quarantaine :',
        );
        for (const issue of check.issues) process.stdout.write(`  - ${issue.path}: ${issue.reason}\n`);
      }
      const pki = PkiStore.open(context.config.paths.pki);
      const { amqp, topology } = await context.broker();
      const client = new PlatformClient(
        options.as,
        pki.credential(options.as),
        pki.caCertificatePem(),
        amqp,
        topology,
      );
      await client.submit(envelope);
      if (options.json) {
        const issues = check.ok ? [] : check.issues;
        process.stdout.write(
          `${JSON.stringify({ messageId: envelope.id, submittedAs: options.as, confirmed: true, issues }, null, 2)}\n`,
        );
        return;
      }
      say(
        `Submitted ${envelope.id} as ${options.as} (signed, confirmed by the broker).`,
        `Soumis ${envelope.id} en tant que ${options.as} (signé, confirmé par le courtier).`,
      );
    });
}
