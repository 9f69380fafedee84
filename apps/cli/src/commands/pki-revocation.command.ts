import { Option, type Command } from 'commander';
import {
  type CertificateListing,
  listCertificates,
  publishRevocationList,
  type PkiStore,
  type PublishedCrl,
  REVOCATION_REASONS,
  type RevocationReason,
  RevocationList,
  revokeCertificate,
  TrustError,
} from '@pcms/trust';
import { say, type CliContext } from '../cli.context';
import { openStore, parseDays, pkiAction, printJson } from './pki-cli.support';

const CRL_DAYS = '--days <n>';
const CRL_DAYS_HELP =
  'days until the next update (default 30) / jours jusqu’à la prochaine mise à jour (30 par défaut)';

export function registerPkiRevocationCommands(pki: Command, context: CliContext): void {
  pki
    .command('revoke <serial>')
    .description(
      'revoke a certificate by serial (hex) and publish the revocation list\n' +
        'révoque un certificat par son numéro (hex) et publie la liste de révocation',
    )
    .addOption(
      new Option('--reason <reason>', 'RFC 5280 reason / motif RFC 5280')
        .choices(REVOCATION_REASONS)
        .makeOptionMandatory(),
    )
    .option(CRL_DAYS, CRL_DAYS_HELP, parseDays)
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiAction((serial: string, options: { reason: RevocationReason; days?: number; json?: boolean }) => {
        const store = openStore(context);
        const record = revokeCertificate(store, serial, options.reason);
        if (options.json) {
          const crl = publishRevocationList(store, { validityDays: options.days });
          return printJson({ revoked: { id: record.id, role: record.role, reason: options.reason }, crl });
        }
        say(
          `Revoked: ${record.id} (${record.role}), ${options.reason}.`,
          `Révoqué : ${record.id} (${record.role}), ${options.reason}.`,
        );
        reportCrl(publishRevocationList(store, { validityDays: options.days }));
      }),
    );

  pki
    .command('crl')
    .description(
      'publish a new revocation list (crl.pem); do it again before its next update\n' +
        'publie une nouvelle liste de révocation (crl.pem) ; à refaire avant sa prochaine mise à jour',
    )
    .option(CRL_DAYS, CRL_DAYS_HELP, parseDays)
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiAction((options: { days?: number; json?: boolean }) => {
        const crl = publishRevocationList(openStore(context), { validityDays: options.days });
        if (options.json) return printJson(crl);
        reportCrl(crl);
      }),
    );

  pki
    .command('list')
    .description(
      'every certificate issued, its status and days to expiry (flags those about to expire)\n' +
        'chaque certificat émis, son état et les jours avant expiration (signale ceux qui vont expirer)',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiAction((options: { json?: boolean }) => {
        const store = openStore(context);
        const warningDays = context.config.pki.expiryWarningDays;
        const certificates = listCertificates(store).map((listing) => ({
          ...listing,
          expiringSoon: listing.status === 'valid' && listing.daysToExpiry <= warningDays,
        }));
        const crl = readCrl(store);
        const crlSummary = crl && {
          crlNumber: crl.crlNumber,
          thisUpdate: crl.thisUpdate.toISOString(),
          nextUpdate: crl.nextUpdate?.toISOString(),
          revokedCount: crl.revokedSerials.length,
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ certificates, crl: crlSummary }, null, 2)}\n`);
          return;
        }
        for (const listing of certificates) process.stdout.write(`${line(listing, listing.expiringSoon)}\n`);
        const soon = certificates.filter((listing) => listing.expiringSoon).length;
        say(
          `${certificates.length} certificates, ${soon} expiring within ${warningDays} days.`,
          `${certificates.length} certificats, ${soon} expirant d’ici ${warningDays} jours.`,
        );
        if (crlSummary) {
          say(
            `Revocation list #${crlSummary.crlNumber ?? '?'}: ${crlSummary.revokedCount} revoked, next update ${crlSummary.nextUpdate ?? '-'}.`,
            `Liste de révocation n° ${crlSummary.crlNumber ?? '?'} : ${crlSummary.revokedCount} révoqué(s), prochaine mise à jour ${crlSummary.nextUpdate ?? '-'}.`,
          );
        }
      }),
    );
}

function line(listing: CertificateListing, expiringSoon: boolean): string {
  const flags = [
    listing.current ? '' : 'superseded',
    listing.reason ?? '',
    expiringSoon ? '⚠ expires soon / expire bientôt' : '',
  ].filter(Boolean);
  return [
    `  ${listing.id.padEnd(12)}`,
    listing.role.padEnd(9),
    listing.serialHex.padEnd(34),
    listing.notAfter.slice(0, 10),
    `${String(listing.daysToExpiry).padStart(6)} d`,
    listing.status.padEnd(8),
    flags.join(', '),
  ]
    .join(' ')
    .trimEnd();
}

/** The list is reported, not trusted blindly: an unreadable one is said so and the list goes on. */
function readCrl(store: PkiStore): RevocationList | undefined {
  const crlPem = store.crlPem();
  if (!crlPem) return undefined;
  try {
    return RevocationList.fromPem(crlPem, store.caCertificatePem());
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    // stderr: `--json` output stays parseable.
    process.stderr.write(
      `${error.code}: ${store.crlFile} cannot be used; publish a new one with pki crl.\n` +
        `  ${error.code} : ${store.crlFile} est inutilisable ; publiez-en une nouvelle avec pki crl.\n`,
    );
    return undefined;
  }
}

function reportCrl(published: PublishedCrl): void {
  say(
    `Revocation list #${published.crlNumber} published to ${published.file}: ${published.revokedCount} revoked, next update ${published.nextUpdate.toISOString()}.`,
    `Liste de révocation n° ${published.crlNumber} publiée dans ${published.file} : ${published.revokedCount} révoqué(s), prochaine mise à jour ${published.nextUpdate.toISOString()}.`,
  );
}
