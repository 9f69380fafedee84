import { JUDICIAL_PEER_ID, parseJudicialDirectory } from '@pcms/judicial';
import { developmentParties, type DevelopmentParty } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CliContext } from '../cli.context';

/** The directory of judicial authorities (judicialAdapter.directoryFile, issue 15). */
export function judicialDirectoryFile(context: CliContext): string {
  const file = context.config.judicialAdapter.directoryFile;
  return isAbsolute(file) ? file : join(context.config.paths.root, file);
}

/**
 * What the judicial network adds to a development PKI: the local judicial peer's certificate (it
 * serves the gateway's deliveries for every authority) and one per authority of the directory.
 */
export function judicialDevelopmentParties(authorities: DirectoryAuthorities): DevelopmentParty[] {
  return developmentParties([JUDICIAL_PEER_ID], authorities.ids ?? []);
}

export type DirectoryAuthorities =
  { file: string; ids: string[] } | { file: string; ids?: undefined; problem: string; probleme: string };

/**
 * The ids of the directory's authorities, each to be certified with role `authority`. Read
 * synchronously (pki actions are), and never thrown: a broken directory must not stop the rest of
 * `pki init`, it is reported and `pcms directory validate` says where.
 */
export function directoryAuthorities(context: CliContext): DirectoryAuthorities {
  const file = judicialDirectoryFile(context);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { file, problem: `cannot read ${file} (${reason})`, probleme: `${file} illisible (${reason})` };
  }
  const report = parseJudicialDirectory(text, file);
  if (!report.directory) {
    const first = report.issues[0];
    const where = first ? `${first.file ?? file}:${first.line ?? 1}` : file;
    return {
      file,
      problem: `${report.issues.length} issue(s) in the directory, first at ${where}`,
      probleme: `${report.issues.length} problème(s) dans l’annuaire, le premier en ${where}`,
    };
  }
  return { file, ids: report.directory.authorities.map((authority) => authority.id) };
}
