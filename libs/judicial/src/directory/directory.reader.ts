// Reads config/judicial-directory.yaml: YAML (positions kept), then the shape, then what the
// fields refer to. Every issue names the file, the line and the column of the value at fault.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { JudicialError, JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import { STRICT_VALIDATION } from '../request/judicial-request.validator';
import { validationIssues } from '../validation-issues';
import { checkDirectory, type YamlPath } from './directory.checks';
import { DirectoryDto } from './directory.dto';
import type { DirectoryData } from './directory.model';
import { JudicialDirectory } from './judicial-directory';

// The directory has no use for many aliases; the cap stops "billion laughs" expansion.
const MAX_ALIASES = 50;

export interface DirectoryReport {
  file: string;
  /** Present only when there is no issue at all. */
  directory?: JudicialDirectory;
  issues: JudicialIssue[];
}

/** `offences[0].provision` → ['offences', 0, 'provision']. */
function yamlPathOf(path: string): YamlPath {
  return path === ''
    ? []
    : path
        .replace(/\[(\d+)\]/g, '.$1')
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function dottedPathOf(path: YamlPath): string {
  return path.reduce<string>(
    (dotted, part) =>
      typeof part === 'number' ? `${dotted}[${part}]` : dotted === '' ? part : `${dotted}.${part}`,
    '',
  );
}

/** The nearest position to `path`: the node itself, or its closest existing parent. */
function positionOf(
  document: Document,
  lines: LineCounter,
  path: YamlPath,
): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** Parses and checks a directory's text; never throws. */
export function parseJudicialDirectory(text: string, file: string): DirectoryReport {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      file,
      issues: document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        const reason = error.message.split('\n')[0];
        return {
          code: JudicialErrorCode.DirectoryUnreadable,
          path: '',
          reason,
          raison: `YAML illisible : ${reason}`,
          file,
          line,
          column: col,
        };
      }),
    };
  }
  const located = (
    issue: Omit<JudicialIssue, 'file' | 'line' | 'column'>,
    path: YamlPath,
  ): JudicialIssue => ({
    ...issue,
    file,
    ...positionOf(document, lines, path),
  });
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      file,
      issues: [
        located({ code: JudicialErrorCode.DirectoryUnreadable, path: '', reason, raison: reason }, []),
      ],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const issue = {
      code: JudicialErrorCode.DirectoryUnreadable,
      path: '',
      reason: 'the top level must be a mapping of keys',
      raison: 'le premier niveau doit être une table de clés',
    };
    return { file, issues: [located(issue, [])] };
  }
  const shape = validationIssues(
    validateSync(plainToInstance(DirectoryDto, data), STRICT_VALIDATION),
    JudicialErrorCode.DirectoryInvalid,
  );
  if (shape.length > 0) {
    return { file, issues: shape.map((issue) => located(issue, yamlPathOf(issue.path))) };
  }
  const directoryData = data as DirectoryData;
  const issues = checkDirectory(directoryData).map(({ path, ...finding }) =>
    located({ ...finding, path: dottedPathOf(path) }, path),
  );
  return issues.length > 0
    ? { file, issues }
    : { file, directory: new JudicialDirectory(directoryData), issues };
}

/** Reads a directory file and reports on it; an unreadable file is an issue, not an exception. */
export async function readJudicialDirectory(file: string): Promise<DirectoryReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return {
      file,
      issues: [
        {
          code: JudicialErrorCode.DirectoryUnreadable,
          path: '',
          reason: `cannot be read (${code})`,
          raison: `ne peut être lu (${code})`,
          file,
        },
      ],
    };
  }
  return parseJudicialDirectory(text, file);
}

/** For a process at start: the directory, or an error carrying every issue. */
export async function loadJudicialDirectory(file: string): Promise<JudicialDirectory> {
  const report = await readJudicialDirectory(file);
  if (report.directory === undefined) {
    throw new JudicialError(
      report.issues[0]?.code ?? JudicialErrorCode.DirectoryInvalid,
      `${file}: ${report.issues.length} issue(s) in the judicial directory`,
      report.issues,
    );
  }
  return report.directory;
}
