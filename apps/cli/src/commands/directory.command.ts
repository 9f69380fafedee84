import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import {
  readJudicialDirectory,
  type DirectoryAuthority,
  type DirectoryReport,
  type JudicialDirectory,
  type JudicialIssue,
} from '@pcms/judicial';
import { counted, say, type CliContext } from '../cli.context';

const JSON_OPTION = ['--json', 'machine-readable output / sortie JSON'] as const;
const FILE_OPTION = [
  '--file <file>',
  'another directory file (default: config/judicial-directory.yaml) / un autre fichier d’annuaire (par défaut : config/judicial-directory.yaml)',
] as const;

/** `directory list|show|validate`: the judicial directory of issue 15, as a focal point reads it. */
export function registerDirectoryCommands(program: Command, context: CliContext): void {
  const directory = program
    .command('directory')
    .description(
      'the judicial directory: states, networks, central authorities and focal points, treaties\n' +
        'l’annuaire judiciaire : États, réseaux, autorités centrales et points focaux, traités',
    );
  const defaultFile = (): string => join(context.config.paths.root, 'config', 'judicial-directory.yaml');

  directory
    .command('validate')
    .description(
      'check a directory file (default: config/judicial-directory.yaml): each error with file:line:column and its code; exit 1 on any error\n' +
        'vérifie un fichier d’annuaire (par défaut : config/judicial-directory.yaml) : chaque erreur avec fichier:ligne:colonne et son code ; code 1 en cas d’erreur',
    )
    .argument('[file]', 'directory file / fichier d’annuaire')
    .option(...JSON_OPTION)
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const report = await readJudicialDirectory(file === undefined ? defaultFile() : resolve(file));
      if (report.issues.length > 0) process.exitCode = 1;
      if (options.json) {
        return print({
          file: report.file,
          valid: report.issues.length === 0,
          issues: report.issues,
          ...sizes(report),
        });
      }
      for (const issue of report.issues) printIssue(issue);
      if (report.directory === undefined) {
        say(
          `✗ ${report.file}: ${counted(report.issues.length, 'error', 'errors')}`,
          `✗ ${report.file} : ${counted(report.issues.length, 'erreur', 'erreurs')}`,
        );
        return;
      }
      const { states, authorities, treaties } = sizes(report);
      say(
        `✓ ${report.file}: ${states} states, ${authorities} authorities, ${treaties} treaties`,
        `✓ ${report.file} : ${states} États, ${authorities} autorités, ${treaties} traités`,
      );
    });

  directory
    .command('list')
    .description(
      'the authorities, one a line: id, state, roles, 24/7; filtered by state, role or network membership today\n' +
        'les autorités, une par ligne : id, État, rôles, 24 h/24 ; filtrées par État, rôle ou appartenance à un réseau ce jour',
    )
    .option('--state <id>', 'only this state (ISO 3166-1 alpha-2) / seulement cet État')
    .option('--role <role>', 'only this role / seulement ce rôle')
    .option('--network <id>', 'only states that are members today / seulement les États membres ce jour')
    .option(...FILE_OPTION)
    .option(...JSON_OPTION)
    .action(
      async (options: { state?: string; role?: string; network?: string; file?: string; json?: boolean }) => {
        const found = await open(options.file ?? defaultFile());
        if (found === undefined) return;
        const today = new Date().toISOString().slice(0, 10);
        const listed = found.authorities.filter(
          (authority) =>
            (options.state === undefined || authority.state === options.state.toUpperCase()) &&
            (options.role === undefined || (authority.roles as string[]).includes(options.role)) &&
            (options.network === undefined || found.isMember(authority.state, options.network, today)),
        );
        if (options.json) return print({ authorities: listed });
        for (const authority of listed) printAuthorityLine(authority);
        say(
          `${counted(listed.length, 'authority', 'authorities')} of ${found.authorities.length}`,
          `${counted(listed.length, 'autorité', 'autorités')} sur ${found.authorities.length}`,
        );
      },
    );

  directory
    .command('show')
    .description(
      'one authority (its roles, languages, channels, contacts) or one state (its networks over time, authorities and treaties); exit 1 when unknown\n' +
        'une autorité (rôles, langues, canaux, contacts) ou un État (ses réseaux dans le temps, autorités et traités) ; code 1 si inconnu',
    )
    .argument('<id>', 'authority id (ML-CA) or state (ML) / id d’autorité (ML-CA) ou État (ML)')
    .option(...FILE_OPTION)
    .option(...JSON_OPTION)
    .action(async (id: string, options: { file?: string; json?: boolean }) => {
      const found = await open(options.file ?? defaultFile());
      if (found === undefined) return;
      const authority = found.authority(id);
      const state = authority === undefined ? found.state(id.toUpperCase()) : undefined;
      if (authority === undefined && state === undefined) {
        process.exitCode = 1;
        if (options.json) return print({ id, found: false });
        say(
          `${id}: no such authority or state in the directory`,
          `${id} : ni autorité ni État de ce nom dans l’annuaire`,
        );
        return;
      }
      if (authority !== undefined) {
        if (options.json) return print({ authority });
        return printAuthority(authority);
      }
      if (state === undefined) return;
      const authorities = found.authorities.filter((candidate) => candidate.state === state.id);
      const treaties = found.treaties.filter((treaty) => treaty.parties.includes(state.id));
      if (options.json) return print({ state, authorities, treaties });
      say(`${state.id} ${state.name.en}`, `${state.id} ${state.name.fr}`);
      process.stdout.write(`  languages / langues: ${state.languages.join(', ')}\n`);
      for (const m of state.memberships) {
        process.stdout.write(`  ${m.network.padEnd(16)} ${m.from} → ${m.until ?? '…'}\n`);
      }
      for (const candidate of authorities) printAuthorityLine(candidate);
      for (const treaty of treaties)
        process.stdout.write(`  ${treaty.id}: ${treaty.title.en}\n    ${treaty.title.fr}\n`);
    });
}

/** The directory, or the issues that keep it from being read (printed, exit 1). */
async function open(file: string): Promise<JudicialDirectory | undefined> {
  const report = await readJudicialDirectory(resolve(file));
  if (report.directory !== undefined) return report.directory;
  process.exitCode = 1;
  for (const issue of report.issues) printIssue(issue);
  say(
    `${report.file} is not valid: run directory validate`,
    `${report.file} n’est pas valide : lancez directory validate`,
  );
  return undefined;
}

function sizes(report: DirectoryReport): { states: number; authorities: number; treaties: number } {
  return {
    states: report.directory?.states.length ?? 0,
    authorities: report.directory?.authorities.length ?? 0,
    treaties: report.directory?.treaties.length ?? 0,
  };
}

function printIssue(issue: JudicialIssue): void {
  const where = `${issue.file ?? ''}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}`;
  const path = issue.path === '' ? '' : ` ${issue.path}`;
  process.stdout.write(`  ${where} ${issue.code}${path}\n    ${issue.reason}\n    ${issue.raison}\n`);
}

function printAuthorityLine(authority: DirectoryAuthority): void {
  const always = authority.contacts.some((contact) => contact.available247) ? '24/7' : '    ';
  process.stdout.write(
    `  ${authority.id.padEnd(16)} ${authority.state} ${always} ${authority.roles.join(', ')}\n`,
  );
}

function printAuthority(authority: DirectoryAuthority): void {
  say(
    `${authority.id} (${authority.state}) ${authority.name.en}`,
    `${authority.id} (${authority.state}) ${authority.name.fr}`,
  );
  process.stdout.write(
    `  roles / rôles: ${authority.roles.join(', ')}\n` +
      `  languages / langues: ${authority.languages.join(', ')}\n` +
      `  channels / canaux: ${authority.channels.join(', ')}\n` +
      `  last verified / vérifié le: ${authority.lastVerified}\n`,
  );
  for (const contact of authority.contacts) {
    process.stdout.write(
      `  ${contact.kind.padEnd(6)} ${contact.value}${contact.available247 ? '  (24/7)' : ''}\n`,
    );
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
