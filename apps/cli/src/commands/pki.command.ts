import { Option, type Command } from 'commander';
import {
  DEVELOPMENT_PARTIES,
  developmentParties,
  identityOf,
  importCertificateAuthority,
  initDevelopmentPki,
  inspectPkiFile,
  isDevelopmentPki,
  issueMissingParties,
  issuePartyCertificate,
  PARTY_ROLES,
  type PartyRole,
  type PkiStore,
  renewAllPartyCertificates,
  type RenewedParty,
  renewPartyCertificate,
} from '@pcms/trust';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { counted, say, type CliContext } from '../cli.context';
import {
  directoryAuthorities,
  judicialDevelopmentParties,
  type DirectoryAuthorities,
} from './pki-authorities.support';
import { JUDICIAL_PEER_ID } from '@pcms/judicial';
import { openStore, parseDays, pkiAction, pkiActionAsync, printJson, readInput } from './pki-cli.support';
import { registerPkiRevocationCommands } from './pki-revocation.command';

export function registerPkiCommands(program: Command, context: CliContext): void {
  const pki = program
    .command('pki')
    .description(
      "the deployment's PKI: CA, certificates, revocation / la PKI du déploiement : AC, certificats, révocation",
    );
  registerInit(pki, context);
  registerIssue(pki, context);
  registerRenew(pki, context);
  registerPkiRevocationCommands(pki, context);
  pki
    .command('inspect <file>')
    .description(
      'summarise a PEM certificate, certificate request or revocation list (a CRL is checked against the CA)\n' +
        'résume un certificat, une requête ou une liste de révocation PEM (une LCR est vérifiée avec l’AC)',
    )
    .option(
      '--json',
      'machine-readable output (the summary is JSON either way) / sortie JSON (le résumé l’est de toute façon)',
    )
    .action(
      pkiAction((file: string) => {
        const ca = join(context.config.paths.pki, 'ca.crt');
        const caCertificatePem = existsSync(ca) ? readInput(ca) : undefined;
        printJson(inspectPkiFile(readInput(file), { caCertificatePem }));
      }),
    );
}

function registerInit(pki: Command, context: CliContext): void {
  pki
    .command('init')
    .description(
      'create a development CA and certificates for the six platforms, the gateway, the I-24/7 peer, the judicial peer (JUDICIAL-PEER) and every authority of the judicial directory, or import a CA; never replaces one (a development PKI gets the judicial certificates it lacks)\n' +
        'crée une AC de développement et les certificats des six plateformes, de la passerelle, du pair I-24/7, du pair judiciaire (JUDICIAL-PEER) et de chaque autorité de l’annuaire judiciaire, ou importe une AC ; n’en remplace jamais (une PKI de développement reçoit les certificats judiciaires qui lui manquent)',
    )
    .option(
      '--if-enabled',
      'only when the profile sets autoInitPki (npm start) / seulement si le profil active autoInitPki',
    )
    .option('--import-ca <cert>', 'an existing CA certificate (PEM) / le certificat PEM d’une AC existante')
    .option('--import-key <key>', 'its private key (unencrypted PEM) / sa clé privée (PEM non chiffré)')
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiActionAsync(
        async (options: { ifEnabled?: boolean; importCa?: string; importKey?: string; json?: boolean }) => {
          const directory = context.config.paths.pki;
          if (options.ifEnabled && !context.config.autoInitPki) {
            if (options.json) printJson({ outcome: 'disabled', directory });
            return;
          }
          if (existsSync(join(directory, 'ca.crt'))) return await completePresentPki(context, options.json);
          if (options.importCa || options.importKey) {
            if (!options.importCa || !options.importKey) {
              say('--import-ca and --import-key go together.', '--import-ca et --import-key vont ensemble.');
              process.exitCode = 1;
              return;
            }
            importCertificateAuthority(directory, {
              certificatePem: readInput(options.importCa),
              privateKeyPem: readInput(options.importKey),
            });
            if (options.json) return printJson({ outcome: 'imported', directory });
            say(
              `CA imported into ${directory} (key mode 0600), empty revocation list published. Next: pki issue GATEWAY --role gateway`,
              `AC importée dans ${directory} (clé en mode 0600), liste de révocation vide publiée. Ensuite : pki issue GATEWAY --role gateway`,
            );
            return;
          }
          const authorities = directoryAuthorities(context);
          // The CA alone first, then every party's key at once on the thread pool (56 keys).
          const store = initDevelopmentPki(directory, { parties: [] });
          await issueMissingParties(store, [
            ...developmentParties(DEVELOPMENT_PARTIES),
            ...judicialDevelopmentParties(authorities),
          ]);
          const parties = [...DEVELOPMENT_PARTIES, JUDICIAL_PEER_ID].map((id) => ({
            id,
            role: identityOf(store.credential(id).certificatePem).role,
          }));
          const authorityIds = authorities.ids ?? [];
          if (options.json) {
            return printJson({ outcome: 'created', directory, parties, authorities: authorityIds });
          }
          for (const { id, role } of parties) process.stdout.write(`  ${id.padEnd(10)} ${role}\n`);
          if (authorityIds.length > 0) {
            process.stdout.write(`  ${counted(authorityIds.length, 'authority', 'authorities')} authority\n`);
          }
          say(
            `Development PKI created in ${directory} (private keys mode 0600). Not for production.`,
            `PKI de développement créée dans ${directory} (clés privées en mode 0600). Pas pour la production.`,
          );
          warnIfNoAuthorities(authorities);
        },
      ),
    );
}

/**
 * A PKI is never replaced; a development one made before the judicial directory (or before an
 * authority was added to it) gets the missing authority certificates, so that var/demo need not
 * be deleted. An imported CA's PKI is left alone: its authorities hold their own keys.
 */
async function completePresentPki(context: CliContext, json?: boolean): Promise<void> {
  const store = openStore(context);
  const authorities = directoryAuthorities(context);
  // A development PKI interrupted after its CA also gets the parties it never received.
  const added = isDevelopmentPki(store)
    ? await issueMissingParties(store, [
        ...developmentParties(DEVELOPMENT_PARTIES),
        ...judicialDevelopmentParties(authorities),
      ])
    : [];
  if (json) return printJson({ outcome: 'present', directory: store.directory, added });
  if (added.length === 0) {
    say(
      `PKI already present in ${store.directory}: nothing to do.`,
      `PKI déjà présente dans ${store.directory} : rien à faire.`,
    );
  } else {
    say(
      `PKI already present in ${store.directory}; added ${counted(added.length, 'certificate', 'certificates')} it lacked: ${added.map(({ id }) => id).join(', ')}.`,
      `PKI déjà présente dans ${store.directory} ; ${counted(added.length, 'certificat ajouté', 'certificats ajoutés')} qui lui manquaient : ${added.map(({ id }) => id).join(', ')}.`,
    );
  }
  warnIfNoAuthorities(authorities);
}

/** An authority's certificate names a directory authority (CN = its id), or none is issued. */
function isDirectoryAuthority(context: CliContext, id: string): boolean {
  const authorities = directoryAuthorities(context);
  if (authorities.ids?.includes(id)) return true;
  process.exitCode = 1;
  process.stderr.write(
    authorities.ids
      ? `AUTHORITY_UNKNOWN: ${id} is not an authority of ${authorities.file}: see pcms directory list, or add it there first.\n` +
          `  ${id} n’est pas une autorité de ${authorities.file} : voyez pcms directory list, ou ajoutez-la d’abord.\n`
      : `DIRECTORY_INVALID: ${authorities.problem}; an authority's certificate needs the directory: pcms directory validate.\n` +
          `  ${authorities.probleme} ; le certificat d’une autorité a besoin de l’annuaire : pcms directory validate.\n`,
  );
  return false;
}

function warnIfNoAuthorities(authorities: DirectoryAuthorities): void {
  if (authorities.ids) return;
  process.stderr.write(
    `No judicial authority certificates: ${authorities.problem}. Fix it (pcms directory validate), then run pcms pki init again.\n` +
      `  Aucun certificat d’autorité judiciaire : ${authorities.probleme}. Corrigez (pcms directory validate), puis relancez pcms pki init.\n`,
  );
}

function registerIssue(pki: Command, context: CliContext): void {
  pki
    .command('issue <id>')
    .description(
      'issue a certificate for a party, with a key made here or from its PKCS#10 request (its key stays with it)\n' +
        'émet un certificat pour une partie, avec une clé faite ici ou depuis sa requête PKCS#10 (sa clé reste chez elle)',
    )
    .addOption(new Option('--role <role>', 'its role / son rôle').choices(PARTY_ROLES).makeOptionMandatory())
    .option(
      '--csr <file>',
      'a PKCS#10 request (PEM); its CN must be <id> / une requête PKCS#10 ; son CN doit être <id>',
    )
    .option('--days <n>', 'validity in days (default 365) / validité en jours (365 par défaut)', parseDays)
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiAction((id: string, options: { role: PartyRole; csr?: string; days?: number; json?: boolean }) => {
        if (options.role === 'authority' && !isDirectoryAuthority(context, id)) return;
        const store = openStore(context);
        const credential = issuePartyCertificate(store, {
          id,
          role: options.role,
          requestPem: options.csr ? readInput(options.csr) : undefined,
          validityDays: options.days,
        });
        const notAfter = new Date(new X509Certificate(credential.certificatePem).validTo).toISOString();
        if (options.json) {
          return printJson({
            id,
            role: options.role,
            serial: credential.serialNumber,
            notAfter,
            certificateFile: join(store.directory, `${id}.crt`),
            ...(credential.privateKeyPem ? { keyFile: join(store.directory, `${id}.key`) } : {}),
          });
        }
        process.stdout.write(`  ${id} ${options.role} serial ${credential.serialNumber} until ${notAfter}\n`);
        say(
          `Certificate written to ${join(store.directory, `${id}.crt`)}${credential.privateKeyPem ? `, key to ${id}.key (mode 0600)` : ''}.`,
          `Certificat écrit dans ${join(store.directory, `${id}.crt`)}${credential.privateKeyPem ? `, clé dans ${id}.key (mode 0600)` : ''}.`,
        );
      }),
    );
}

function registerRenew(pki: Command, context: CliContext): void {
  pki
    .command('renew [id]')
    .description(
      'a new certificate (new serial) for the same key; the old one stays valid until revoked.\n' +
        '--all renews every live party certificate with the current profile (signing and TLS usages)\n' +
        'un nouveau certificat (nouveau numéro) pour la même clé ; l’ancien reste valide jusqu’à sa révocation.\n' +
        '--all renouvelle tous les certificats valides des parties au profil actuel (usages signature et TLS)',
    )
    .option('--all', 'every party with a live certificate / toutes les parties au certificat valide')
    .option('--days <n>', 'validity in days (default 365) / validité en jours (365 par défaut)', parseDays)
    .option('--new-key', 'make a new key pair here / crée une nouvelle paire de clés ici')
    .option('--json', 'machine-readable output / sortie JSON')
    .action(
      pkiAction(
        (
          id: string | undefined,
          options: { all?: boolean; days?: number; newKey?: boolean; json?: boolean },
        ) => {
          if ((id === undefined) === !options.all || (options.all && options.newKey)) {
            say(
              'Name one party, or --all (without --new-key).',
              'Nommez une partie, ou --all (sans --new-key).',
            );
            process.exitCode = 1;
            return;
          }
          const store = openStore(context);
          const renewed =
            id === undefined
              ? renewAllPartyCertificates(store, { validityDays: options.days })
              : [renewOne(store, id, options)];
          if (options.json) {
            const rows = renewed.map((party) => ({
              id: party.id,
              serial: party.serialNumber,
              previousSerial: party.previousSerial,
            }));
            return printJson(id === undefined ? { renewed: rows } : rows[0]);
          }
          for (const party of renewed) {
            process.stdout.write(
              `  ${party.id} serial ${party.serialNumber} (was ${party.previousSerial})\n`,
            );
          }
          const what = id ?? '<id>';
          say(
            `Renewed ${renewed.length}. Restart the gateway; once ${what} uses it: pki revoke <previous serial> --reason superseded`,
            `${renewed.length} renouvelé(s). Redémarrez la passerelle ; quand ${what} l’utilise : pki revoke <ancien numéro> --reason superseded`,
          );
        },
      ),
    );
}

function renewOne(store: PkiStore, id: string, options: { days?: number; newKey?: boolean }): RenewedParty {
  const previousSerial = store.credential(id).serialNumber;
  const renewed = renewPartyCertificate(store, id, { validityDays: options.days, newKey: options.newKey });
  return { id, serialNumber: renewed.serialNumber, previousSerial };
}
