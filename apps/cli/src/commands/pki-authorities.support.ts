import { parseJudicialDirectory } from '@pcms/judicial';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from '../cli.context';

/** The directory of judicial authorities the checkout ships (issue 15). */
export function judicialDirectoryFile(context: CliContext): string {
  return join(context.config.paths.root, 'config', 'judicial-directory.yaml');
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
