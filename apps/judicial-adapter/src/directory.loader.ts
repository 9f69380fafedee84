import type { LoadedConfig } from '@pcms/config';
import {
  JudicialError,
  JudicialErrorCode,
  readJudicialDirectory,
  type JudicialDirectory,
  type JudicialIssue,
} from '@pcms/judicial';
import { isAbsolute, join } from 'node:path';

/** How many issues the start error lists; `pcms directory validate` lists them all. */
const ISSUES_SHOWN = 20;

/**
 * Reads judicialAdapter.directoryFile and validates it. Any issue stops the start, each named by
 * file:line:column and its code, in English and French, like a bad policy file does.
 */
export async function loadDirectoryAtStart(config: LoadedConfig): Promise<JudicialDirectory> {
  const { directoryFile } = config.judicialAdapter;
  const file = isAbsolute(directoryFile) ? directoryFile : join(config.paths.root, directoryFile);
  const report = await readJudicialDirectory(file);
  if (report.directory) return report.directory;
  const lines = report.issues
    .slice(0, ISSUES_SHOWN)
    .map((issue) => `  ${where(file, issue)} ${issue.code}: ${issue.reason} / ${issue.raison}`);
  const more = report.issues.length - lines.length;
  throw new JudicialError(
    report.issues[0]?.code ?? JudicialErrorCode.DirectoryInvalid,
    [
      `the judicial directory ${file} (judicialAdapter.directoryFile) has ${report.issues.length} issue(s); the judicial adapter does not start / l’annuaire judiciaire a ${report.issues.length} problème(s) ; l’adaptateur judiciaire ne démarre pas`,
      ...lines,
      ...(more > 0 ? [`  … and ${more} more / et ${more} de plus`] : []),
      '  EN: fix the file, then check it with: pcms directory validate',
      '  FR: corrigez le fichier, puis vérifiez-le : pcms directory validate',
    ].join('\n'),
    report.issues,
  );
}

function where(file: string, issue: JudicialIssue): string {
  const at = issue.file ?? file;
  if (issue.line === undefined) return `${at}:`;
  return `${at}:${issue.line}:${issue.column ?? 1}`;
}
