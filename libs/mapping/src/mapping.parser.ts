import { readFile } from 'node:fs/promises';
import { MappingError, MappingErrorCode } from './mapping.error';
import type { FormatRef, Mapping, MappingRule } from './mapping.types';
import { splitPath } from './object-path';
import { suggestionFor } from './suggest';
import { mapEach } from './transforms/structure.transforms';
import { compileTransforms } from './transforms/transform.registry';
import { describeType, isPlainRecord, type TransformFn, type YamlPath } from './transforms/transform.types';
import { YamlSource } from './yaml-source';

const HEADER_KEYS: ReadonlySet<string> = new Set([
  'id',
  'version',
  'description',
  'source',
  'target',
  'rules',
]);
const RULE_KEYS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'value',
  'required',
  'transform',
  'each',
  'rules',
]);
const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/u;
const VERSION = /^\d+\.\d+\.\d+$/u;

/**
 * The formats a deployment speaks, each with the document types it knows (an empty list: the
 * format does not declare its types). Given to the parser, unknown formats and types are issues.
 */
export type KnownFormats = Readonly<Record<string, readonly string[]>>;

/** Reads YAML mapping files into compiled {@link Mapping}s; every problem of a file is reported at once. */
export class MappingParser {
  constructor(private readonly knownFormats?: KnownFormats) {}

  async parseFile(file: string): Promise<Mapping> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error: unknown) {
      throw new MappingError({
        code: MappingErrorCode.FileUnreadable,
        reason: 'the mapping file cannot be read',
        file,
        cause: error,
      });
    }
    return this.parse(text, file);
  }

  parse(text: string, file: string): Mapping {
    const source = new YamlSource(text, file);
    const mapping =
      source.issues.length === 0 ? new MappingCompiler(source, this.knownFormats).compile() : undefined;
    if (source.issues.length > 0 || !mapping) {
      throw MappingError.fromIssues(
        [...source.issues].sort((a, b) => a.line - b.line || a.column - b.column),
      );
    }
    return mapping;
  }
}

class MappingCompiler {
  constructor(
    private readonly source: YamlSource,
    private readonly knownFormats?: KnownFormats,
  ) {}

  compile(): Mapping | undefined {
    const data = this.source.data;
    if (!isPlainRecord(data)) {
      this.invalid(
        [],
        `a mapping file is a map with id, version, source, target and rules, got ${describeType(data)}`,
      );
      return undefined;
    }
    this.unknownKeys(data, [], HEADER_KEYS, MappingErrorCode.Invalid);
    const id = this.text(data, 'id', ID, 'a lower-case id such as person-wanted-to-red');
    const version = this.text(data, 'version', VERSION, 'a semantic version such as 1.0.0 (quote it)');
    const description = data.description;
    if (description !== undefined && typeof description !== 'string')
      this.invalid(['description'], 'description must be text');
    const sourceFormat = this.format(data, 'source');
    const targetFormat = this.format(data, 'target');
    const rules = this.rules(data.rules, ['rules']);
    if (this.source.issues.length > 0 || !id || !version || !sourceFormat || !targetFormat) return undefined;
    return {
      id,
      version,
      ...(typeof description === 'string' ? { description } : {}),
      source: sourceFormat,
      target: targetFormat,
      file: this.source.file,
      rules,
    };
  }

  private text(
    data: Record<string, unknown>,
    key: string,
    pattern: RegExp,
    expected: string,
  ): string | undefined {
    const value = data[key];
    if (typeof value === 'string' && pattern.test(value)) return value;
    this.invalid(
      value === undefined ? [] : [key],
      `${key} must be ${expected}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    );
    return undefined;
  }

  private format(data: Record<string, unknown>, key: 'source' | 'target'): FormatRef | undefined {
    const value = data[key];
    if (
      !isPlainRecord(value) ||
      typeof value.format !== 'string' ||
      (value.type !== undefined && typeof value.type !== 'string')
    ) {
      this.invalid(value === undefined ? [] : [key], `${key} must be { format: <name>, type?: <type> }`);
      return undefined;
    }
    this.unknownKeys(value, [key], new Set(['format', 'type']), MappingErrorCode.Invalid);
    this.knownFormat(key, value.format, typeof value.type === 'string' ? value.type : undefined);
    return { format: value.format, ...(typeof value.type === 'string' ? { type: value.type } : {}) };
  }

  private knownFormat(key: 'source' | 'target', format: string, type: string | undefined): void {
    if (!this.knownFormats) return;
    const formats = Object.keys(this.knownFormats);
    if (!Object.hasOwn(this.knownFormats, format)) {
      this.source.report(
        MappingErrorCode.FormatUnknown,
        [key, 'format'],
        `unknown format "${format}"`,
        suggestionFor(format, formats),
      );
      return;
    }
    const types = this.knownFormats[format];
    if (type !== undefined && types.length > 0 && !types.includes(type)) {
      this.source.report(
        MappingErrorCode.TypeUnknown,
        [key, 'type'],
        `${format} has no type "${type}"`,
        suggestionFor(type, types),
      );
    }
  }

  private rules(value: unknown, path: YamlPath): MappingRule[] {
    if (!Array.isArray(value) || value.length === 0) {
      this.source.report(
        MappingErrorCode.Invalid,
        path.length === 1 && value === undefined ? [] : path,
        'rules must be a non-empty list',
      );
      return [];
    }
    const rules: MappingRule[] = [];
    const targets = new Set<string>();
    value.forEach((raw: unknown, index) => {
      const to = isPlainRecord(raw) ? raw.to : undefined;
      if (typeof to === 'string' && targets.has(to)) {
        this.source.report(
          MappingErrorCode.TargetDuplicate,
          [...path, index, 'to'],
          `"${to}" is already written by another rule`,
        );
      }
      if (typeof to === 'string') targets.add(to);
      const rule = this.rule(raw, [...path, index]);
      if (rule) rules.push(rule);
    });
    return rules;
  }

  private rule(raw: unknown, path: YamlPath): MappingRule | undefined {
    if (!isPlainRecord(raw)) {
      this.source.report(MappingErrorCode.RuleInvalid, path, `a rule is a map, got ${describeType(raw)}`);
      return undefined;
    }
    const issuesBefore = this.source.issues.length;
    this.unknownKeys(raw, path, RULE_KEYS, MappingErrorCode.RuleInvalid);
    const { line } = this.source.position(path);
    const toPath = this.path(raw, 'to', path);
    const fromPath = raw.from === undefined ? undefined : this.path(raw, 'from', path);
    const hasValue = Object.hasOwn(raw, 'value');
    if (hasValue === (raw.from !== undefined)) {
      this.source.report(
        MappingErrorCode.RuleInvalid,
        path,
        'a rule needs either from (a source path) or value (a constant), not both',
      );
    }
    if (raw.required !== undefined && typeof raw.required !== 'boolean') {
      this.source.report(
        MappingErrorCode.RuleInvalid,
        [...path, 'required'],
        'required must be true or false',
      );
    }
    const transforms: TransformFn[] = [];
    const report = this.source.report.bind(this.source);
    if (raw.transform !== undefined)
      transforms.push(...compileTransforms(raw.transform, [...path, 'transform'], report));
    if (raw.each !== undefined) {
      const perElement = compileTransforms(raw.each, [...path, 'each'], report);
      if (perElement.length > 0) transforms.push(mapEach(perElement));
    }
    let rules: MappingRule[] | undefined;
    if (raw.rules !== undefined) {
      if (raw.each !== undefined || hasValue) {
        this.source.report(
          MappingErrorCode.RuleInvalid,
          [...path, 'rules'],
          'nested rules cannot be combined with value or each (transform applies to their result)',
        );
      }
      rules = this.rules(raw.rules, [...path, 'rules']);
    }
    if (this.source.issues.length > issuesBefore || !toPath) return undefined;
    return {
      location: `${this.source.file}:${line}`,
      to: toPath.join('.'),
      toPath,
      ...(fromPath ? { from: fromPath.join('.'), fromPath } : {}),
      ...(hasValue ? { value: raw.value } : {}),
      hasValue,
      required: raw.required === true,
      transforms,
      ...(rules ? { rules } : {}),
    };
  }

  private path(raw: Record<string, unknown>, role: 'from' | 'to', rulePath: YamlPath): string[] | undefined {
    const value = raw[role];
    if (value === undefined) {
      this.source.report(
        MappingErrorCode.TargetMissing,
        rulePath,
        'a rule needs to: the target path it writes',
      );
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.source.report(
        MappingErrorCode.PathInvalid,
        [...rulePath, role],
        `${role} must be a dotted path, got ${describeType(value)}`,
      );
      return undefined;
    }
    const split = splitPath(value, role);
    if (Array.isArray(split)) return split;
    this.source.report(
      split.kind === 'unsafe' ? MappingErrorCode.PathUnsafe : MappingErrorCode.PathInvalid,
      [...rulePath, role],
      split.reason,
    );
    return undefined;
  }

  private unknownKeys(
    data: Record<string, unknown>,
    path: YamlPath,
    known: ReadonlySet<string>,
    code: MappingErrorCode,
  ): void {
    for (const key of Object.keys(data)) {
      if (!known.has(key))
        this.source.report(
          code,
          [...path, key],
          `unknown key "${key}" (expected one of ${[...known].join(', ')})`,
          suggestionFor(key, [...known]),
        );
    }
  }

  private invalid(path: YamlPath, reason: string): void {
    this.source.report(MappingErrorCode.Invalid, path, reason);
  }
}
