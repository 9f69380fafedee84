export enum MappingErrorCode {
  // Raised while loading a mapping file.
  FileUnreadable = 'MAPPING_FILE_UNREADABLE',
  YamlSyntax = 'MAPPING_YAML_SYNTAX',
  Invalid = 'MAPPING_INVALID',
  /** source/target names a format the deployment does not register (checked when formats are given). */
  FormatUnknown = 'MAPPING_FORMAT_UNKNOWN',
  /** source/target type is not one of the format's types. */
  TypeUnknown = 'MAPPING_TYPE_UNKNOWN',
  /** Two files declare the same id (found when a whole folder is validated). */
  IdDuplicate = 'MAPPING_ID_DUPLICATE',
  RuleInvalid = 'MAPPING_RULE_INVALID',
  TargetMissing = 'MAPPING_TARGET_MISSING',
  PathInvalid = 'MAPPING_PATH_INVALID',
  PathUnsafe = 'MAPPING_PATH_UNSAFE',
  TargetDuplicate = 'MAPPING_TARGET_DUPLICATE',
  TransformUnknown = 'MAPPING_TRANSFORM_UNKNOWN',
  TransformInvalid = 'MAPPING_TRANSFORM_INVALID',
  // Raised while applying a mapping to a source object.
  TransformFailed = 'MAPPING_TRANSFORM_FAILED',
  RequiredMissing = 'MAPPING_REQUIRED_MISSING',
  SourceTypeMismatch = 'MAPPING_SOURCE_TYPE_MISMATCH',
  TargetConflict = 'MAPPING_TARGET_CONFLICT',
}

/** One problem found in a mapping file, positioned for the integrator (1-based line and column). */
export interface MappingIssue {
  code: MappingErrorCode;
  reason: string;
  file: string;
  line: number;
  column: number;
  /** What the integrator probably meant (`did you mean "transform"?`) or the accepted values. */
  suggestion?: string;
}

export interface MappingErrorDetails {
  code: MappingErrorCode;
  reason: string;
  file?: string;
  line?: number;
  column?: number;
  /** `file:line` of the rule that failed (runtime errors). */
  rule?: string;
  /** Source path being read when a runtime error occurred, e.g. `payload.warrants[0].issuedOn`. */
  sourcePath?: string;
  targetPath?: string;
  /** Every issue of a file that failed to load; the error's own code is the first one's. */
  issues?: MappingIssue[];
  cause?: unknown;
}

export class MappingError extends Error {
  readonly code: MappingErrorCode;
  readonly reason: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly rule?: string;
  readonly sourcePath?: string;
  readonly targetPath?: string;
  readonly issues: readonly MappingIssue[];

  constructor(details: MappingErrorDetails) {
    super(MappingError.describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MappingError';
    this.code = details.code;
    this.reason = details.reason;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.rule = details.rule;
    this.sourcePath = details.sourcePath;
    this.targetPath = details.targetPath;
    this.issues = details.issues ?? [];
  }

  static fromIssues(issues: MappingIssue[]): MappingError {
    const [first] = issues;
    return new MappingError({ ...first, issues });
  }

  private static describe(details: MappingErrorDetails): string {
    const where = details.rule ?? MappingError.position(details);
    const source = details.sourcePath === undefined ? '' : ` (source ${details.sourcePath})`;
    const more = (details.issues?.length ?? 0) > 1 ? ` (+${(details.issues?.length ?? 1) - 1} more)` : '';
    return `${where ? `${where} ` : ''}${details.code}: ${details.reason}${source}${more}`;
  }

  private static position({ file, line, column }: MappingErrorDetails): string {
    if (file === undefined) return '';
    if (line === undefined) return file;
    return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  }
}
