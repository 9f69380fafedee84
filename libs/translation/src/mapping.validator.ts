import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MappingError, MappingErrorCode, MappingParser, type MappingIssue } from '@pcms/mapping';
import { FormatRegistry } from './format.registry';
import { MAPPING_FILE } from './mapping.registry';

export interface MappingFileReport {
  file: string;
  mappingId?: string;
  version?: string;
  /** Every issue of the file, in file order; empty when it is valid. */
  issues: MappingIssue[];
}

/** Every `<dir>/<folder>/mapping.yaml`, in folder order. */
export async function mappingFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const folder of entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    if ((await readdir(join(dir, folder))).includes(MAPPING_FILE))
      files.push(join(dir, folder, MAPPING_FILE));
  }
  return files;
}

/**
 * What `mapping validate` reports: each file parsed against the registered formats and their
 * types, every issue positioned with a suggestion where one helps, and ids declared twice.
 */
export async function validateMappingFiles(
  files: readonly string[],
  formats: FormatRegistry = FormatRegistry.withDefaults(),
): Promise<MappingFileReport[]> {
  const parser = new MappingParser(formats.known());
  const reports: MappingFileReport[] = [];
  const owners = new Map<string, string>();
  for (const file of files) {
    try {
      const mapping = await parser.parseFile(file);
      const issues: MappingIssue[] = [];
      const owner = owners.get(mapping.id);
      if (owner === undefined) owners.set(mapping.id, file);
      else issues.push(await duplicateIdIssue(file, mapping.id, owner));
      reports.push({ file, mappingId: mapping.id, version: mapping.version, issues });
    } catch (error: unknown) {
      if (!(error instanceof MappingError)) throw error;
      const issues =
        error.issues.length > 0
          ? [...error.issues]
          : [{ code: error.code, reason: error.reason, file, line: 1, column: 1 }];
      reports.push({ file, issues });
    }
  }
  return reports;
}

async function duplicateIdIssue(file: string, id: string, owner: string): Promise<MappingIssue> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((line) => /^id\s*:/u.test(line));
  return {
    code: MappingErrorCode.IdDuplicate,
    reason: `id "${id}" is already the id of ${owner}`,
    file,
    line: index + 1 || 1,
    column: 1,
    suggestion: 'give each mapping its own id (the name of its folder)',
  };
}

/** `file:line:column CODE: reason (suggestion)`, the line editors and CI logs understand. */
export function formatIssue(issue: MappingIssue): string {
  const hint = issue.suggestion === undefined ? '' : ` (${issue.suggestion})`;
  return `${issue.file}:${issue.line}:${issue.column} ${issue.code}: ${issue.reason}${hint}`;
}
