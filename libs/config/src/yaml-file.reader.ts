import type { ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from './config.error';

export interface YamlFile {
  document: Document;
  /** `:line:column` of a dotted key, or of its deepest existing parent; '' when none exists. */
  lineOf: (key: string) => string;
}

/**
 * Reads a YAML file whose top level is a mapping, keeping positions so that every error can name
 * the file, the line and the column. The caller checks existence first (its own message says
 * which file is missing and what to do).
 */
export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(ConfigErrorCode.CONFIG_FILE_UNREADABLE, `${file}: cannot be read`, [], {
      cause: error,
    });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0 || !isMap(document.contents)) {
    const reason = document.errors[0]?.message ?? 'the top level must be a mapping of keys';
    throw new ConfigError(ConfigErrorCode.CONFIG_FILE_UNREADABLE, `${file}: ${reason}`, [], {
      cause: document.errors[0],
    });
  }
  const lineOf = (key: string): string => {
    // The deepest node that exists: a missing key is reported where its parent is.
    const path = key.split('.');
    for (let depth = path.length; depth > 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return `:${line}:${col}`;
      }
    }
    return '';
  };
  return { document, lineOf };
}

/** class-validator's nested errors as dotted keys with readable reasons, all of them. */
export function flattenValidationErrors(
  errors: ValidationError[],
  prefix = '',
  keep: (error: ValidationError) => boolean = () => true,
): Omit<ConfigIssue, 'source'>[] {
  return errors.flatMap((error) => {
    const key = prefix ? `${prefix}.${error.property}` : error.property;
    const own = keep(error)
      ? Object.values(error.constraints ?? {}).map((reason) => ({
          key,
          // class-validator starts its messages with the property name; the key already says it.
          reason: reason.startsWith(`${error.property} `) ? reason.slice(error.property.length + 1) : reason,
        }))
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], key, keep)];
  });
}
